"""List shape and pagination (§8) over 250 objects, created filters, and concurrent writes."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from .conftest import api_client, assert_error


def test_pagination_over_250_objects(fresh_sandbox, fresh_api):
    created = [fresh_api.post("/v1/payment_intents", json={"amount": i + 1, "currency": "HKD"}).json()
               for i in range(250)]
    newest_first = [pi["id"] for pi in reversed(created)]

    seen, cursor = [], None
    while True:
        params = {"limit": 100, **({"starting_after": cursor} if cursor else {})}
        page = fresh_api.get("/v1/payment_intents", params=params).json()
        assert page["object"] == "list" and page["url"] == "/v1/payment_intents"
        seen += [pi["id"] for pi in page["data"]]
        if not page["has_more"]:
            break
        cursor = page["data"][-1]["id"]
    assert seen == newest_first

    default = fresh_api.get("/v1/payment_intents").json()
    assert len(default["data"]) == 10 and default["has_more"] is True
    # ending_before walks back towards newer objects
    back = fresh_api.get("/v1/payment_intents", params={"ending_before": newest_first[20], "limit": 5}).json()
    assert [pi["id"] for pi in back["data"]] == newest_first[15:20] and back["has_more"] is True

    middle = created[200]["created"]
    gte = fresh_api.get("/v1/payment_intents", params={"created[gte]": middle, "limit": 100}).json()["data"]
    assert all(pi["created"] >= middle for pi in gte) and created[200]["id"] in [pi["id"] for pi in gte]
    lt = fresh_api.get("/v1/payment_intents", params={"created[lt]": middle, "limit": 100}).json()["data"]
    assert all(pi["created"] < middle for pi in lt)

    for bad in ({"limit": 0}, {"limit": 101}, {"limit": "x"}):
        assert_error(fresh_api.get("/v1/payment_intents", params=bad), 400, param="limit")
    assert_error(fresh_api.get("/v1/payment_intents", params={"starting_after": "pi_1000000000000000000"}), 400,
                 param="starting_after")


def test_events_list_filters_by_type(fresh_api):
    fresh_api.post("/v1/payment_intents", json={"amount": 5, "currency": "HKD"})
    created = fresh_api.get("/v1/events", params={"type": "payment_intent.created"}).json()
    assert created["url"] == "/v1/events" and len(created["data"]) == 1
    assert fresh_api.get("/v1/events", params={"type": "payment_intent.canceled"}).json()["data"] == []


def test_fifty_parallel_creates(fresh_sandbox, fresh_api):
    def create(i: int) -> str:
        with api_client(fresh_sandbox) as client:
            response = client.post("/v1/payment_intents", json={"amount": 100 + i, "currency": "GBP"})
            assert response.status_code == 200, response.text
            return response.json()["id"]

    with ThreadPoolExecutor(max_workers=25) as pool:
        ids = list(pool.map(create, range(50)))
    assert len(set(ids)) == 50
    listed = fresh_api.get("/v1/payment_intents", params={"limit": 100}).json()["data"]
    assert {pi["id"] for pi in listed} == set(ids)
    assert sorted(pi["amount"] for pi in listed) == list(range(100, 150))


def test_parallel_refunds_never_overdraw(fresh_sandbox, fresh_api):
    from .conftest import paid_intent

    pi = paid_intent(fresh_api, amount=1000)

    def refund(_: int) -> int:
        with api_client(fresh_sandbox) as client:
            return client.post("/v1/refunds", json={"payment_intent": pi["id"], "amount": 300}).status_code

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(refund, range(8)))
    assert statuses.count(200) == 3 and statuses.count(400) == 5


def test_requests_waiting_for_a_busy_store_run_on_the_event_loop(fresh_sandbox, monkeypatch):
    """While another thread (the webhook worker) holds the store, requests wait for it without blocking the
    event loop, and then run there: work handed to a worker thread would keep the store busy and send every
    request after it the same way."""
    import threading
    import time

    from merchant_desk.sandbox import payment_intents

    threads: list[str] = []
    create = payment_intents.create

    def recording_create(*args, **kwargs):
        threads.append(threading.current_thread().name)
        return create(*args, **kwargs)

    monkeypatch.setattr(payment_intents, "create", recording_create)
    released = threading.Event()

    def hold_store() -> None:
        with fresh_sandbox.store.transaction():
            released.wait(10)

    def post(i: int) -> int:
        with api_client(fresh_sandbox) as client:
            return client.post("/v1/payment_intents", json={"amount": 100 + i, "currency": "GBP"}).status_code

    holder = threading.Thread(target=hold_store)
    holder.start()
    try:
        with ThreadPoolExecutor(max_workers=4) as pool, api_client(fresh_sandbox) as client:
            answers = [pool.submit(post, i) for i in range(4)]
            time.sleep(0.2)
            # Meanwhile the loop still answers what does not need the store.
            assert client.get("/not-an-api-path").status_code == 404
            assert threads == []
            released.set()
            assert [a.result(timeout=10) for a in answers] == [200] * 4
    finally:
        released.set()
        holder.join()
    assert threads == ["sandbox-http"] * 4
