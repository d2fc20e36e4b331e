"""The ``jobs-app`` commands a bureau's administrator types."""

from jobs_app.extensions import db
from jobs_app.models import Role, User
from tests import factories


def test_users_create_and_token_give_a_working_bearer_token(app, runner):
    created = runner.invoke(
        args=["users", "create", "desk_wl", "--role", "desk", "--township", "500101137000",
              "--password", "a-long-password"]
    )  # fmt: skip
    assert created.exit_code == 0, created.output
    printed = runner.invoke(args=["users", "token", "desk_wl"])
    assert printed.exit_code == 0
    token = printed.output.strip()
    client = app.test_client()
    me = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert me.json["role"] == "desk" and me.json["township_name"] == "武陵镇"
    mine = client.get("/api/v1/tokens", headers={"Authorization": f"Bearer {token}"})
    assert [t["label"] for t in mine.json["items"]] == ["cli"]


def test_users_create_prompts_for_the_password_when_none_is_given(app, runner):
    answer = runner.invoke(args=["users", "create", "chief", "--role", "bureau"],
                           input="a-long-password\na-long-password\n")  # fmt: skip
    assert answer.exit_code == 0, answer.output
    with app.app_context():
        assert (
            db.session.scalar(db.select(User.role).where(User.username == "chief")) == Role.bureau
        )


def test_bad_input_fails_with_a_message_naming_the_field_and_writes_nothing(app, runner):
    answer = runner.invoke(args=["users", "create", "desk_x", "--role", "desk",
                                 "--township", "999", "--password", "a-long-password"])  # fmt: skip
    assert answer.exit_code != 0
    assert "township_code" in answer.output and "Unknown township code." in answer.output
    short = runner.invoke(args=["users", "create", "desk_y", "--role", "bureau",
                                "--password", "short"])  # fmt: skip
    assert short.exit_code != 0 and "password" in short.output
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(User)) == 0


def test_token_for_an_unknown_user_fails(runner):
    answer = runner.invoke(args=["users", "token", "ghost"])
    assert answer.exit_code != 0 and "no user named ghost" in answer.output


def test_a_second_username_is_refused(app, runner):
    with app.app_context():
        factories.user(db.session, "bureau", Role.bureau)
        db.session.commit()
    answer = runner.invoke(args=["users", "create", "bureau", "--role", "bureau",
                                 "--password", "a-long-password"])  # fmt: skip
    assert answer.exit_code != 0 and "username" in answer.output
