"""worker lists by township in id order

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 13:00:00.000000

The index on (township_id, id) replaces the one on township_id alone, which it covers: a
desk's search, prepared and run with a generic plan, reads its township's workers in id order
instead of the whole district's.
"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('worker', schema=None) as batch_op:
        batch_op.create_index('ix_worker_township_id_id', ['township_id', 'id'], unique=False)
        batch_op.drop_index('ix_worker_township_id')


def downgrade():
    with op.batch_alter_table('worker', schema=None) as batch_op:
        batch_op.create_index('ix_worker_township_id', ['township_id'], unique=False)
        batch_op.drop_index('ix_worker_township_id_id')
