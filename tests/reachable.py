"""Exit 0 when the database URL given as the only argument answers, 1 otherwise."""

import sys

import sqlalchemy as sa


def main(url: str) -> int:
    url = url.replace("postgresql://", "postgresql+psycopg://", 1)
    try:
        engine = sa.create_engine(url, connect_args={"connect_timeout": 3})
        with engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))
    except Exception as error:  # any failure means "not reachable"; say why
        print(f"database not reachable: {error.__class__.__name__}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
