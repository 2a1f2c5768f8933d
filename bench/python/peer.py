"""python-keycloak running one benchmark workload, sync or async.

Usage: peer.py '<json config>'  ->  prints one JSON line:
{"secs": float, "errors": int, "count": int, "burst_start_ms": int, "burst_end_ms": int}

Login and client set-up happen before the clock starts, as for every contestant.
"""

import asyncio
import json
import resource
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from keycloak import KeycloakAdmin, KeycloakOpenIDConnection


def admin(cfg):
    conn = KeycloakOpenIDConnection(
        # A trailing slash, as python-keycloak's docs write it: its URLs are
        # joined with urljoin, which drops a last segment such as `/auth`.
        server_url=cfg["base_url"].rstrip("/") + "/",
        username=cfg["username"],
        password=cfg["password"],
        realm_name=cfg["realm"],
        user_realm_name=cfg["auth_realm"],
        client_id="admin-cli",
        verify=True,
    )
    return KeycloakAdmin(connection=conn)


def person(prefix, i):
    name = f"{prefix}-{i:05d}"
    return {
        "username": name,
        "email": f"{name}@example.com",
        "firstName": "Bench",
        "lastName": "User",
        "enabled": True,
    }


def now_ms():
    return int(time.time() * 1000)


def cpu_secs():
    u = resource.getrusage(resource.RUSAGE_SELF)
    return u.ru_utime + u.ru_stime


def run_sync(cfg):
    kc = admin(cfg)
    kc.users_count()  # logs in and warms the connection
    w, n = cfg["workload"], cfg["n"]
    errors, count, burst = 0, 0, (0, 0)

    def guarded(f):
        nonlocal errors
        try:
            return f()
        except Exception:  # noqa: BLE001 - a failed call is counted, not fatal
            errors += 1
            return None

    if w == "W5":
        time.sleep(cfg["wait_secs"])
    start = time.perf_counter()
    start_ms = now_ms()
    cpu = cpu_secs()
    if w == "W1":
        for i in range(n):
            count += guarded(lambda: kc.create_user(person(cfg["prefix"], i))) is not None
    elif w == "W2":
        with ThreadPoolExecutor(cfg["concurrency"]) as pool:
            ids = list(pool.map(lambda i: guarded(lambda: kc.create_user(person(cfg["prefix"], i))), range(n)))
        count = sum(x is not None for x in ids)
    elif w == "W3":
        count = len(kc.get_users({}))
    elif w == "W4":
        count += guarded(kc.users_count) is not None
        for _ in range(n):
            found = guarded(lambda: kc.get_users({"username": cfg["lookup"], "exact": True}))
            count += bool(found)
    elif w == "W5":
        with ThreadPoolExecutor(n) as pool:
            results = list(pool.map(lambda _: guarded(lambda: kc.users_count()), range(n)))
        count = sum(r is not None for r in results)
    secs = time.perf_counter() - start
    burst = (start_ms, now_ms())
    return {"secs": secs, "errors": errors, "count": count, "burst_start_ms": burst[0], "burst_end_ms": burst[1], "cpu_secs": cpu_secs() - cpu}


async def run_async(cfg):
    kc = admin(cfg)
    await kc.a_users_count()
    w, n = cfg["workload"], cfg["n"]
    errors = 0
    sem = asyncio.Semaphore(cfg.get("concurrency") or n)

    async def guarded(coro):
        nonlocal errors
        async with sem:
            try:
                return await coro
            except Exception:  # noqa: BLE001
                errors += 1
                return None

    if w == "W5":
        await asyncio.sleep(cfg["wait_secs"])
    start = time.perf_counter()
    start_ms = now_ms()
    cpu = cpu_secs()
    count = 0
    if w == "W1":
        for i in range(n):
            count += (await guarded(kc.a_create_user(person(cfg["prefix"], i)))) is not None
    elif w == "W2":
        ids = await asyncio.gather(*(guarded(kc.a_create_user(person(cfg["prefix"], i))) for i in range(n)))
        count = sum(x is not None for x in ids)
    elif w == "W3":
        count = len(await kc.a_get_users({}))
    elif w == "W4":
        count += (await guarded(kc.a_users_count())) is not None
        for _ in range(n):
            count += bool(await guarded(kc.a_get_users({"username": cfg["lookup"], "exact": True})))
    elif w == "W5":
        results = await asyncio.gather(*(guarded(kc.a_users_count()) for _ in range(n)))
        count = sum(r is not None for r in results)
    secs = time.perf_counter() - start
    return {"secs": secs, "errors": errors, "count": count, "burst_start_ms": start_ms, "burst_end_ms": now_ms(), "cpu_secs": cpu_secs() - cpu}


def run_scale(cfg):
    """W7: partial imports in batches, some in flight; W8: get_users() whole."""
    kc = admin(cfg)
    kc.users_count()
    w, n = cfg["workload"], cfg["n"]
    errors, count = 0, 0
    start = time.perf_counter()
    start_ms = now_ms()
    cpu = cpu_secs()
    if w == "W7":
        batch = cfg["batch"]

        def load(first):
            users = [person("bulk", i) for i in range(first, min(n, first + batch))]
            try:
                answer = kc.partial_import_realm(cfg["realm"], {"users": users, "ifResourceExists": "SKIP"})
                return answer.get("added", 0), 0
            except Exception:  # noqa: BLE001 - a failed batch is counted, not fatal
                return 0, 1

        with ThreadPoolExecutor(cfg["in_flight"]) as pool:
            results = list(pool.map(load, range(0, n, batch)))
        count = sum(r[0] for r in results)
        errors = sum(r[1] for r in results)
    elif w == "W8":
        count = len(kc.get_users({}))
    secs = time.perf_counter() - start
    return {
        "secs": secs, "errors": errors, "count": count, "burst_start_ms": start_ms, "burst_end_ms": now_ms(),
        "cpu_secs": cpu_secs() - cpu,
        # KiB on Linux.
        "peak_rss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }


def main():
    cfg = json.loads(sys.argv[1])
    if cfg["workload"] in ("W7", "W8"):
        print(json.dumps(run_scale(cfg)))
        return
    result = asyncio.run(run_async(cfg)) if cfg["mode"] == "async" else run_sync(cfg)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
