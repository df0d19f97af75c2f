"""Search performance at scale: bulk indexing, full rebuild, memory, and end-to-end latency of the match and
search APIs against the raw engine query with the same body.

    SEARCH_URL=http://127.0.0.1:9250 .venv/bin/python benchmarks/search_perf.py --sizes 10000 [100000]

Each size gets a fresh SQLite database (or DATABASE_URL if you export one) filled with synthetic but
realistic listings generated from the taxonomy, and its own index prefix (dropped at the end).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.engine_node import warn_if_started_for_tests  # noqa: E402 - after the path is set

FIELD_OF_CHAIN = {
    "FLU": "materials",
    "FFC": "materials",
    "GRA": "materials",
    "NEM": "energy",
    "ALY": "materials",
    "STL": "manufacturing",
    "TUN": "materials",
    "CNC": "manufacturing",
    "QDT": "electronics",
    "ICT": "electronics",
    "SED": "agriculture",
    "VEG": "agriculture",
    "BPC": "agriculture",
    "ENV": "environment",
    "FOD": "biomedicine",
    "MED": "biomedicine",
}
ADJECTIVES = [
    "高性能",
    "低成本",
    "绿色",
    "高纯",
    "智能",
    "高效",
    "连续化",
    "长寿命",
    "高稳定性",
    "规模化",
    "新型",
    "环保型",
]
NOUNS = [
    "制备技术",
    "生产工艺",
    "成套装备",
    "检测方法",
    "改性技术",
    "回收工艺",
    "应用技术",
    "控制系统",
    "关键材料",
    "集成方案",
]
PROBLEMS = ["良品率偏低", "能耗高", "依赖进口", "成本居高不下", "稳定性不足", "检测效率低", "排放不达标", "寿命短"]
ENGLISH = ["PVDF", "PTFE", "5G", "LiFePO4", "LiPF6", "AI", "CVD", "IoT", "3D", "CO2", "AlTiN", "PLC"]
EFFECTS = ["提高", "降低", "缩短", "延长", "替代", "减少"]
TARGETS = ["生产效率", "单位能耗", "原料消耗", "产品纯度", "使用寿命", "检测时间", "综合成本", "废水排放"]


def setup_django(db_url: str, prefix: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ["DATABASE_URL"] = db_url
    os.environ["SEARCH_INDEX_PREFIX"] = prefix
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def sentence(rng: random.Random, node, parents) -> str:
    return (
        f"针对{rng.choice(parents)}领域{rng.choice(PROBLEMS)}的问题,采用{rng.choice(ADJECTIVES)}{node.name}"
        f"{rng.choice(NOUNS)},结合{rng.choice(ENGLISH)}工艺,{rng.choice(EFFECTS)}{rng.choice(TARGETS)}"
        f"{rng.randint(10, 60)}%以上。"
    )


def generate(n_achievements: int, n_needs: int, seed: int = 7) -> dict:
    """Insert synthetic listings in bulk (the Wagtail API adds one page in ~0.3 s: too slow for 100k)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone
    from taggit.models import Tag
    from wagtail.models import Page

    from accounts.models import Organisation
    from marketplace.models import AchievementIPRecord, AchievementKeyword, AchievementPage, TechnologyNeed
    from search import sync
    from taxonomy.models import IndustryChainNode, IPType, Region, TechnicalField, TransferMode
    from tests.factories import make_credit_code, make_institution_page

    rng = random.Random(seed)
    nodes = list(IndustryChainNode.objects.filter(level=3).select_related("parent__parent"))
    fields = {f.code: f for f in TechnicalField.objects.all()}
    ip_types = list(IPType.objects.exclude(code="none"))
    modes = list(TransferMode.objects.all())
    region = Region.objects.get(code="350400")
    with sync.suspended():
        institutions = []
        for i in range(20):
            org = Organisation.objects.create(
                name=f"性能测试研究院{i}",
                kind="research_institute",
                status="approved",
                region=region,
                credit_code=make_credit_code(900000 + i),
            )
            institutions.append(make_institution_page(org))
        enterprises = [
            Organisation.objects.create(name=f"性能测试企业{i}", kind="enterprise", status="approved", region=region)
            for i in range(50)
        ]
    content_type = ContentType.objects.get_for_model(AchievementPage)
    tags = {}
    for node in nodes:
        for word in {node.name, node.parent.name}:
            tags[word] = None
    for word in ENGLISH:
        tags[word] = None
    Tag.objects.bulk_create([Tag(name=w, slug=f"t{i}") for i, w in enumerate(tags)], ignore_conflicts=True)
    tags = dict(Tag.objects.values_list("name", "pk"))
    now = timezone.now()
    chunk = 2000
    through_chain = AchievementPage.industry_chains.through
    through_mode = AchievementPage.transfer_modes.through
    started = time.perf_counter()
    for start in range(0, n_achievements, chunk):
        batch = range(start, min(start + chunk, n_achievements))
        with transaction.atomic():
            pages, rows = [], []
            for i in batch:
                parent = institutions[i % len(institutions)]
                index = i // len(institutions) + 1
                node = rng.choice(nodes)
                parents = [node.parent.name, node.parent.parent.name]
                title = f"{rng.choice(ADJECTIVES)}{node.name}{rng.choice(NOUNS)}"
                pages.append(
                    Page(
                        path=parent.path + _base36(index),
                        depth=parent.depth + 1,
                        numchild=0,
                        title=title,
                        draft_title=title,
                        slug=f"perf-{i}",
                        live=True,
                        has_unpublished_changes=False,
                        url_path=f"{parent.url_path}perf-{i}/",
                        content_type=content_type,
                        locale_id=parent.locale_id,
                        translation_key=uuid.uuid4(),
                        first_published_at=now,
                        last_published_at=now,
                    )
                )
                rows.append((i, node, parents, title, parent))
            Page.objects.bulk_create(pages)
            ids = dict(Page.objects.filter(slug__in=[p.slug for p in pages]).values_list("slug", "pk"))
            values, chains, keywords, ips, pmodes = [], [], [], [], []
            for i, node, parents, _title, parent in rows:
                pk = ids[f"perf-{i}"]
                summary = "".join(sentence(rng, node, parents) for _ in range(2))
                description = "".join(f"<p>{sentence(rng, node, parents)}</p>" for _ in range(4))
                values.append(
                    (
                        pk,
                        f"perf-ach-{i}",
                        summary,
                        description,
                        rng.randint(3, 9),
                        "negotiable",
                        "",
                        "",
                        "",
                        parent.organisation_id,
                        fields[FIELD_OF_CHAIN[node.code[:3]]].pk,
                    )
                )
                chains.append(through_chain(achievementpage_id=pk, industrychainnode_id=node.pk))
                for word in {node.name, node.parent.name, rng.choice(ENGLISH)}:
                    keywords.append(AchievementKeyword(content_object_id=pk, tag_id=tags[word]))
                ips.append(
                    AchievementIPRecord(page_id=pk, ip_type=rng.choice(ip_types), number=f"ZL{i:010d}", sort_order=0)
                )
                pmodes.append(through_mode(achievementpage_id=pk, transfermode_id=rng.choice(modes).pk))
            with connection.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO marketplace_achievementpage (page_ptr_id, external_id, summary, description, trl, "
                    "pricing, contact_name, contact_phone, contact_email, institution_organisation_id, technical_field_id) "
                    "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                    values,
                )
            through_chain.objects.bulk_create(chains)
            AchievementKeyword.objects.bulk_create(keywords)
            AchievementIPRecord.objects.bulk_create(ips)
            through_mode.objects.bulk_create(pmodes)
    for parent in institutions:
        Page.objects.filter(pk=parent.pk).update(numchild=n_achievements // len(institutions) + 1)
    with sync.suspended():
        needs = []
        for i in range(n_needs):
            node = rng.choice(nodes)
            parents = [node.parent.name, node.parent.parent.name]
            needs.append(
                TechnologyNeed(
                    external_id=f"perf-need-{i}",
                    enterprise=rng.choice(enterprises),
                    title=f"{node.name}{rng.choice(PROBLEMS)}亟需解决",
                    problem=sentence(rng, node, parents) * 2,
                    keywords=f"{node.name},{rng.choice(ENGLISH)}",
                    industry_chain=node.parent,
                    technical_field=fields[FIELD_OF_CHAIN[node.code[:3]]],
                    status="published",
                    region=region,
                    min_trl=rng.choice([None, 4, 5, 6, 7]),
                )
            )
        TechnologyNeed.objects.bulk_create(needs)
    return {"seconds": time.perf_counter() - started, "terms": [n.name for n in nodes] + ENGLISH}


def synthetic_terms() -> list[str]:
    """The search queries of a generated database (chain node names and the English terms)."""
    from taxonomy.models import IndustryChainNode

    return list(IndustryChainNode.objects.filter(level=3).values_list("name", flat=True)) + ENGLISH


def _base36(n: int) -> str:
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    for _ in range(4):
        n, r = divmod(n, 36)
        out = alphabet[r] + out
    return out


def percentiles(samples: list[float]) -> tuple[float, float]:
    q = statistics.quantiles(samples, n=100, method="inclusive")
    return q[49], q[94]


def engine_memory(engine) -> dict:
    stats = engine.node_stats()["nodes"]
    node = next(iter(stats.values()))
    info = next(iter(engine.client.nodes.info(metric="process")["nodes"].values()))
    pid = info["process"]["id"]
    rss = hwm = None
    status = Path(f"/proc/{pid}/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1]) // 1024
            if line.startswith("VmHWM:"):
                hwm = int(line.split()[1]) // 1024
    return {
        "heap_used_mb": node["jvm"]["mem"]["heap_used_in_bytes"] // 2**20,
        "heap_max_mb": node["jvm"]["mem"]["heap_max_in_bytes"] // 2**20,
        "rss_mb": rss,
        "peak_rss_mb": hwm,
    }


def existing_achievements() -> int:
    from marketplace.models import AchievementPage

    return AchievementPage.objects.live().count()


def prepare_texts(workers: int) -> tuple[int, float]:
    """Segment and store every listing's text that is not stored yet (what the outbox worker does once per change,
    and what the first rebuild after the upgrade does): (listings segmented, seconds). Timed apart from the
    rebuild, so the rebuild below is the steady state."""
    from search import listings
    from search.documents import ACHIEVEMENT, NEED
    from search.models import ListingTerms
    from search.services import _achievement_batches, _achievement_ids, _chunks, _load_needs, _need_ids

    started = time.perf_counter()
    stamp = listings.glossary_stamp()
    stored = set(ListingTerms.objects.filter(kind=ACHIEVEMENT).exclude(texts={}).values_list("object_id", flat=True))
    missing = [pk for pk in _achievement_ids() if pk not in stored]
    for _chunk, _batch in _achievement_batches(missing, workers, stamp):
        pass
    need_ids = _need_ids()
    for chunk in _chunks(need_ids):
        listings.stored_texts(NEED, _load_needs(chunk), stamp=stamp)
    return len(missing), time.perf_counter() - started


def prepare_documents(workers: int) -> tuple[int, float]:
    """Build and keep every listing's index document that is not stored (or is stale) yet: what the first rebuild
    after the upgrade to stored documents does once (the outbox worker keeps them from then on). (documents
    built, seconds); timed apart from the steady-state rebuild."""
    from search.services import _achievement_parts, _need_parts

    names = {"achievement": "A", "need": "N", "percolator": "P"}
    started = time.perf_counter()
    built = sum(part[-1] for part in _achievement_parts(names, 1, workers, False))
    built += sum(part[-1] for part in _need_parts(names, 1, False))
    return built, time.perf_counter() - started


def rebuild_bodies() -> list[tuple[str, bytes]]:
    """(kind, ndjson body) of every bulk request a rebuild sends, documents built from the stored texts exactly as
    the rebuild builds them, serialised beforehand: sending them is the floor a rebuild cannot beat."""
    from search.services import rebuild_requests

    return list(rebuild_requests(workers=1, names={"achievement": "A", "need": "N", "percolator": "P"}, version=1))


def pure_bulk(engine, bodies, names: dict[str, str]) -> tuple[float, float]:
    """Seconds to create fresh indices like a rebuild's, send these pre-serialised bulk bodies with the rebuild's
    sender and concurrency, and make them searchable: the engine's own share of a rebuild, which no rebuild can
    beat. Returns (those seconds, of which creating the indices)."""
    from search.documents import index_body
    from search.services import BulkSender, create_indices, finish_loading

    placeholders = {"A": names["achievement"], "N": names["need"], "P": names["percolator"]}
    ready = []
    for body in bodies:
        for short, name in placeholders.items():
            body = body.replace(f'"_index":"{short}"'.encode(), f'"_index":"{name}"'.encode())
        ready.append(body)
    t0 = time.perf_counter()
    create_indices(
        engine, {name: index_body(percolator=kind == "percolator", building=True) for kind, name in names.items()}
    )
    created = time.perf_counter() - t0
    sender = BulkSender(engine)
    try:
        for body in ready:
            sender.send(body)
    finally:
        sender.close()
    finish_loading(engine, list(names.values()))  # as the rebuild finishes its indices
    seconds = time.perf_counter() - t0
    for name in names.values():
        engine.delete_index(name)
    return seconds, created


def wait_for_merges(engine, timeout: float = 600.0) -> float:
    """Seconds until no force merge runs on the engine (the rebuild's background merge)."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        running = engine.client.tasks.list(actions="indices:admin/forcemerge*")
        if not any(node.get("tasks") for node in running.get("nodes", {}).values()):
            break
        time.sleep(0.2)
    return time.perf_counter() - started


def run_size(size: int, args) -> dict:
    from django.conf import settings

    from search.documents import ACHIEVEMENT, NEED, alias_name
    from search.engine import get_engine

    print(f"\n=== {size} 条成果 ===", flush=True)
    have = existing_achievements()
    if args.reuse and have >= size:
        generated = {"seconds": 0.0, "terms": synthetic_terms()}
        print(f"复用已有数据库: {have} 条成果", flush=True)
    else:
        if have:
            raise SystemExit(f"数据库已有 {have} 条成果,但不足 {size} 条:换一个 --database。")
        generated = generate(size, args.needs)
        print(f"生成数据 {generated['seconds']:.1f}s", flush=True)
    segmented, cold = prepare_texts(args.workers)
    print(f"首次分词并存储 {segmented} 条成果的文本 {cold:.1f}s ({args.workers} 进程; 已存储的跳过)", flush=True)
    documented, backfill = prepare_documents(args.workers)
    print(
        f"首次构建并存储 {documented} 个索引文档 {backfill:.1f}s ({args.workers} 进程; 已存储且未过期的跳过)",
        flush=True,
    )
    if args.prepare_only:
        return {"size": size, "segmented": segmented, "first_segmentation_s": cold, "documents_backfill_s": backfill}
    engine = get_engine(background=True)
    load = os.getloadavg()
    bodies = rebuild_bodies()
    scratch = {kind: f"{alias_name(kind)}-bulkscratch" for kind in ("achievement", "need", "percolator")}
    # The floor is timed before and after the rebuild (same bodies, same sender): the engine's background merges
    # after one load, and the load from other jobs, fall on either side alike.
    bulk_before, created_before = pure_bulk(engine, bodies, scratch)
    # The steady state: every text and document is stored, as the outbox worker leaves them. The command as an
    # operator runs it (Python and Django start-up included); it prints its own time without the start-up.
    started = time.perf_counter()
    output = subprocess.run(  # noqa: S603 - this repository's own command
        [sys.executable, str(ROOT / "manage.py"), "search_index", "--rebuild", "--workers", str(args.workers)],
        env={**os.environ},
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rebuild = time.perf_counter() - started
    print(output.strip(), flush=True)
    # The rebuild starts a merge of the new listing indices to one segment and returns (search.services
    # MERGE_AFTER_REBUILD): wait for it, so the pure bulk after and the latencies below do not share the engine
    # with it, and say how long it ran after the command.
    merge_wait = wait_for_merges(engine)
    print(f"重建后后台合并段: 命令结束后又用时 {merge_wait:.1f}s", flush=True)
    own = re.search(r"用时 ([0-9.]+)s", output)
    in_process = float(own.group(1)) if own else rebuild
    child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    bulk_after, created_after = pure_bulk(engine, bodies, scratch)
    bulk_seconds = (bulk_before + bulk_after) / 2
    load_after = os.getloadavg()
    engine.refresh(alias_name(ACHIEVEMENT))
    docs = engine.count(alias_name(ACHIEVEMENT))
    memory = engine_memory(engine)
    mb = sum(len(body) for body in bodies) / 2**20
    print(
        f"重建 {rebuild:.1f}s (命令, 含 Python/Django 启动; 其中重建本身 {in_process:.1f}s; {docs / rebuild:.0f} 成果/s, "
        f"{args.workers} 进程), 索引进程峰值 RSS {child_rss} MB; 纯 bulk(同样的 {len(bodies)} 个请求, {mb:.0f} MiB, "
        f"预先序列化; 含建索引 {created_before:.1f}/{created_after:.1f}s) 重建前 {bulk_before:.1f}s / 重建后 "
        f"{bulk_after:.1f}s, 平均 {bulk_seconds:.1f}s; 重建 / 纯 bulk = {rebuild / bulk_seconds:.2f}× "
        f"(不含启动 {in_process / bulk_seconds:.2f}×; 含其后的后台合并 {(rebuild + merge_wait) / bulk_seconds:.2f}×); 负载 {load[0]:.1f} → {load_after[0]:.1f}; 引擎 {memory}",
        flush=True,
    )

    # Document building from the stored texts versus segmenting again (2,000 listings).
    from marketplace.models import AchievementPage
    from search.documents import achievement_document
    from search.services import CHUNK, _achievement_documents, _load_achievements

    sample_ids = list(AchievementPage.objects.order_by("pk").values_list("pk", flat=True)[:2000])
    t0 = time.perf_counter()
    docs_built = [achievement_document(p) for p in _load_achievements(sample_ids).values()]
    build_ms = 1000 * (time.perf_counter() - t0) / len(docs_built)
    t0 = time.perf_counter()
    stored_docs = [
        doc
        for start in range(0, len(sample_ids), CHUNK)
        for doc in _achievement_documents(sample_ids[start : start + CHUNK])
    ]
    stored_ms = 1000 * (time.perf_counter() - t0) / len(stored_docs)
    bulk_rate = docs / bulk_seconds
    pure = bulk_seconds
    print(f"文档构建 {build_ms:.2f} ms/条 (jieba 分词 + 数据库读取), 使用已存储分词 {stored_ms:.2f} ms/条", flush=True)

    # End-to-end latency through the Django test client versus the raw engine query with the same body.
    from django.test import Client
    from django.test.utils import setup_test_environment

    from accounts.models import User
    from marketplace.models import TechnologyNeed
    from search.matching import match_search, self_search
    from search.profiles import need_profile
    from search.searching import SearchParams, build_search

    setup_test_environment()
    staff, _ = User.objects.get_or_create(username="perf-bureau", defaults={"role": User.Role.BUREAU_STAFF})
    client = Client()
    client.force_login(staff)
    rng = random.Random(11)
    needs = list(
        TechnologyNeed.objects.select_related(
            "enterprise__region", "technical_field", "industry_chain", "region", "cooperation_mode"
        ).order_by("?")[: args.queries]
    )
    api, raw = [], []
    for need in needs[:5]:
        client.get(f"/api/v1/needs/{need.pk}/matches/")  # warm-up
    for need in needs:
        t0 = time.perf_counter()
        response = client.get(f"/api/v1/needs/{need.pk}/matches/")
        api.append(1000 * (time.perf_counter() - t0))
        if response.status_code != 200:
            raise RuntimeError(response.content)
        profile = need_profile(need)
        bodies = [
            (alias_name(ACHIEVEMENT), match_search(profile, size=10).to_dict()),
            (alias_name(NEED), self_search(profile).to_dict()),
        ]
        t0 = time.perf_counter()
        engine.msearch(bodies)
        raw.append(1000 * (time.perf_counter() - t0))
    # Where the match query's time goes: each named clause alone, same filters, same needs.
    from elasticsearch.dsl import Q
    from elasticsearch.dsl import Search as DslSearch

    from search.matching import listed_filters, match_clauses

    clause_ms: dict[str, list[float]] = {}
    for need in needs[:40]:
        for clause in match_clauses(need_profile(need)):
            name = clause.to_dict()[next(iter(clause.to_dict()))].get("_name") or clause.to_dict().get("term", {}).get(
                "technical_field", {}
            ).get("_name", "?")
            body = (
                DslSearch()
                .query(Q("bool", should=[clause], filter=listed_filters(ACHIEVEMENT)))
                .extra(size=10)
                .to_dict()
            )
            t0 = time.perf_counter()
            engine.search(alias_name(ACHIEVEMENT), body)
            clause_ms.setdefault(name, []).append(1000 * (time.perf_counter() - t0))
    print(
        "各子句单独耗时 p50 (ms): " + ", ".join(f"{k} {statistics.median(v):.1f}" for k, v in clause_ms.items()),
        flush=True,
    )
    # What actually runs over the whole index: the clauses of the match query itself (the full clauses above run
    # only over the rescore window), each alone with the same filters.
    retrieval_ms: dict[str, list[float]] = {}
    for need in needs[:40]:
        match_body = match_search(need_profile(need), size=10).to_dict()
        query, listed = match_body["query"]["bool"], match_body["post_filter"]
        for clause in query["should"]:
            name = next(iter(clause.values())).get("_name", "?")
            body = {"query": {"bool": {"should": [clause]}}, "post_filter": listed, "size": 10}
            t0 = time.perf_counter()
            engine.search(alias_name(ACHIEVEMENT), body)
            retrieval_ms.setdefault(name, []).append(1000 * (time.perf_counter() - t0))
    print(
        "检索子句单独耗时 p50 (ms): " + ", ".join(f"{k} {statistics.median(v):.1f}" for k, v in retrieval_ms.items()),
        flush=True,
    )
    search_api, search_raw = [], []
    terms = generated["terms"]
    for _ in range(args.queries):
        q = rng.choice(terms)
        t0 = time.perf_counter()
        response = client.get("/api/v1/search/", {"q": q})
        search_api.append(1000 * (time.perf_counter() - t0))
        if response.status_code != 200:
            raise RuntimeError(response.content)
        body = build_search(SearchParams(q=q)).to_dict()
        t0 = time.perf_counter()
        engine.search(f"{alias_name(ACHIEVEMENT)},{alias_name(NEED)}", body)
        search_raw.append(1000 * (time.perf_counter() - t0))
    figures = {
        "size": size,
        "rebuild_s": rebuild,
        "merge_after_rebuild_s": merge_wait,
        "first_segmentation_s": cold,
        "pure_bulk_s": pure,
        "rebuild_over_pure_bulk": rebuild / pure,
        "stored_doc_build_ms": stored_ms,
        "rebuild_docs_per_s": docs / rebuild,
        "bulk_docs_per_s": bulk_rate,
        "doc_build_ms": build_ms,
        "indexer_peak_rss_mb": child_rss,
        "engine": engine_memory(engine),
        "match_api_ms": percentiles(api),
        "match_raw_ms": percentiles(raw),
        "search_api_ms": percentiles(search_api),
        "search_raw_ms": percentiles(search_raw),
    }
    print(
        f"匹配 API p50/p95 {figures['match_api_ms'][0]:.1f}/{figures['match_api_ms'][1]:.1f} ms; 原始查询 "
        f"{figures['match_raw_ms'][0]:.1f}/{figures['match_raw_ms'][1]:.1f} ms; 开销 p50 "
        f"{figures['match_api_ms'][0] / figures['match_raw_ms'][0]:.2f}×, p95 {figures['match_api_ms'][1] / figures['match_raw_ms'][1]:.2f}×"
    )
    print(
        f"搜索 API p50/p95 {figures['search_api_ms'][0]:.1f}/{figures['search_api_ms'][1]:.1f} ms; 原始查询 "
        f"{figures['search_raw_ms'][0]:.1f}/{figures['search_raw_ms'][1]:.1f} ms; 开销 p50 "
        f"{figures['search_api_ms'][0] / figures['search_raw_ms'][0]:.2f}×, p95 {figures['search_api_ms'][1] / figures['search_raw_ms'][1]:.2f}×",
        flush=True,
    )
    if not args.keep:
        from search.indices import index_kinds

        for kind in index_kinds():  # the listings' kinds and those apps register (challenges)
            for name in engine.list_indices(f"{alias_name(kind)}-*"):
                engine.delete_index(name)
    print(f"settings: prefix {settings.SEARCH_INDEX_PREFIX}")
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--needs", type=int, default=1000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--keep", action="store_true", help="keep the indices (for profiling)")
    parser.add_argument(
        "--database",
        help="SQLite file or database URL kept between runs (default: a fresh temporary SQLite file per size)",
    )
    parser.add_argument(
        "--reuse", action="store_true", help="reuse the listings and stored texts already in --database"
    )
    parser.add_argument("--prepare-only", action="store_true", help="generate and segment, then stop")
    parser.add_argument("--workers", type=int, default=2, help="processes for segmenting and the rebuild")
    args = parser.parse_args()
    if not os.environ.get("SEARCH_URL"):
        print("需要 SEARCH_URL(例如 http://127.0.0.1:9250)。")
        return 2
    warn_if_started_for_tests(os.environ["SEARCH_URL"])
    results = []
    for size in args.sizes:
        # One process per size keeps databases, caches and RSS figures apart.
        if len(args.sizes) > 1:
            subprocess.run(  # noqa: S603 - this script, one size
                [
                    sys.executable,
                    __file__,
                    "--sizes",
                    str(size),
                    "--needs",
                    str(args.needs),
                    "--queries",
                    str(args.queries),
                    "--workers",
                    str(args.workers),
                    *(["--database", args.database] if args.database else []),
                    *(["--reuse"] if args.reuse else []),
                    *(["--prepare-only"] if args.prepare_only else []),
                    *(["--keep"] if args.keep else []),
                ],
                check=True,
            )
            continue
        database = args.database or os.environ.get("PERF_DATABASE_URL")
        if not database:
            database = str(Path(tempfile.mkdtemp(prefix="search-perf-")) / "perf.sqlite3")
        if "://" not in database:
            database = f"sqlite:///{Path(database).resolve()}"
        # Indices under the caller's prefix (SEARCH_INDEX_PREFIX), so a shared engine's indices stay apart.
        setup_django(database, f"{os.environ.get('SEARCH_INDEX_PREFIX', '')}perf{os.getpid()}")
        results.append(run_size(size, args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
