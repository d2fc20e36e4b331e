"""The API describes itself, and its docs work offline."""


def test_openapi_document_lists_the_pinned_paths(app):
    spec = app.test_client().get("/api/v1/openapi.json").json
    assert spec["openapi"].startswith("3.")
    for path in ("/api/v1/auth/login", "/api/v1/workers", "/api/v1/workers/{worker_id}",
                 "/api/v1/openings", "/api/v1/referrals/{referral_id}/hire",
                 "/api/v1/townships", "/healthz"):  # fmt: skip
        assert path in spec["paths"], path


def test_interactive_docs_load_only_vendored_assets(app):
    client = app.test_client()
    page = client.get("/api/v1/docs").get_data(as_text=True)
    assert "/static/vendor/swagger-ui-5.35.0/swagger-ui-bundle.js" in page
    assert "http://" not in page and "https://" not in page
    assert "<script>" not in page  # no inline script
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css", "swagger-ui-standalone-preset.js"):
        answer = client.get(f"/static/vendor/swagger-ui-5.35.0/{asset}")
        assert answer.status_code == 200
        answer.close()


def test_health_check_reports_the_database(app):
    answer = app.test_client().get("/healthz")
    assert answer.status_code == 200
    assert answer.json == {"status": "ok", "database": "ok"}


def test_townships_are_the_52_of_wanzhou_with_approximate_centres(app, world, as_role):
    townships = as_role("desk").get("/api/v1/townships").json["items"]
    assert len(townships) == 52
    longsha = next(t for t in townships if t["name"] == "龙沙镇")
    assert longsha["code"] == "500101135000" and longsha["kind"] == "town"
    assert longsha["coordinates_approximate"] is True and 30 < longsha["lat"] < 31.5
