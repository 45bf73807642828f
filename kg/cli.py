"""The `kg` command: a thin layer over the library; each command makes one library call.

Exit codes: 0 success; 1 an error in the input or the graph (one line on stderr);
2 a usage error; 3 the build finished but some articles failed, or lost a fact that would
have broken the shapes (each named with its file on stderr).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

# Only light modules at import time: `kg --help` and usage errors must answer without
# loading rdflib, pySHACL, pyvis or Kiwi. Each command imports what it uses.
from kg.errors import KGError
from kg.formats import (
    DEFAULT_LANG,
    DEFAULT_OUT,
    DEFAULT_TOP,
    LANGUAGES,
    PAGE_FILE,
    VIEWS,
    NetworkFormat,
    ResultFormat,
)
from kg.model import Relation

if TYPE_CHECKING:
    from kg.build import Build
    from kg.incremental import Update
    from kg.query import NamedQuery

EXIT_ERROR, EXIT_USAGE, EXIT_PARTIAL = 1, 2, 3
EXIT_PIPE = 141  # 128 + SIGPIPE: what a shell reports for a tool whose reader went away


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        code = int(args.run(args))
        sys.stdout.flush()
    except KGError as exc:
        print(f"kg {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except MemoryError:
        print(f"kg {args.command}: error: out of memory; try fewer or smaller inputs"
              + (", or --workers 1" if args.command == "build" else ""), file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        # `kg query … | head -2`: the reader has what it wanted. Say nothing, and keep the
        # interpreter from failing again when it flushes stdout on the way out.
        _silence_stdout()
        return EXIT_PIPE
    return code


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no file descriptor behind stdout (an embedding host)
        pass


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("ai-seoul-summit-kg")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg",
        description="Build and explore an RDF knowledge graph of news coverage of the AI Seoul "
        "Summit (21-22 May 2024), with the source sentence of every fact.",
        epilog="Exit codes: 0 success; 1 bad input or a failed step (one line on stderr); "
        "2 wrong usage; 3 the build finished but some articles failed or lost a fact that would "
        "have broken the shapes; 141 the reader of the "
        "output went away (as in `kg query ... | head`).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser(
        "build", help="build the graph of articles (default: the bundled seed article)",
        description="Read articles, extract who signed, attended and said what, validate the "
        "graph against the SHACL shapes, and write kg.ttl, kg.jsonld, kg.trig, kg.nq and the "
        "interactive page graph.html. A progress bar is shown on a terminal.",
    )
    build.add_argument("articles", nargs="*", metavar="ARTICLE",
                       help="article files (UTF-8 text) or folders of *.txt articles")
    build.add_argument("--out", type=Path, default=DEFAULT_OUT, metavar="DIR",
                       help="output folder (default: ./out)")
    build.add_argument("--encoding", metavar="ENC",
                       help="the encoding of articles that are not UTF-8 (e.g. cp949); UTF-8 "
                       "articles, and UTF-16/32 ones with a byte order mark, still decode")
    build.add_argument("--quiet", "-q", action="store_true", help="print nothing but errors")
    build.add_argument("--workers", type=int, metavar="N",
                       help="worker processes that extract articles, forked so that they share "
                       "Kiwi's model (default: one per core from 40 articles on; 1: none)")
    build.add_argument("--scheduler", metavar="ADDRESS",
                       help="extract on the Dask cluster whose scheduler is at ADDRESS (e.g. "
                       "tcp://10.0.0.5:8786) instead of in local processes; the graph is the "
                       "same. Needs pip install 'ai-seoul-summit-kg[cluster]'")
    build.add_argument("--max-size", type=float, metavar="MB",
                       help="skip, as a failure, an article file larger than this "
                       "(default: 20, kg.loader.MAX_SIZE; 0: no limit)")
    build.set_defaults(run=_build)

    relations = ", ".join(r.value for r in Relation)
    why = commands.add_parser(
        "why", help="show the sentences that state a fact",
        description="Print the evidence for one fact: each sentence with its article and "
        "character offsets. Names may be any label or spelling, Korean or English, or an IRI. "
        f"Relations: {relations}.",
        epilog='Example: kg why 앤트로픽 signed "Seoul AI Business Pledge". When the graph does '
        "not hold the fact, or a name matches no entity, one line goes to stderr (with the "
        "closest names) and the exit code is 1.",
    )
    why.add_argument("subject", help='e.g. "Samsung Electronics" or 삼성전자')
    why.add_argument("relation", help=f"one of: {relations}")
    why.add_argument("object", help='e.g. "Seoul AI Business Pledge", or a number for '
                     "statedSignatoryCount")
    _add_graph_option(why)
    why.set_defaults(run=_why)

    draw = commands.add_parser(
        "draw", help="write the interactive page of a graph (graph.html)",
        description="Draw a graph as one self-contained HTML page that works offline: nodes "
        "coloured by class, edges labelled by relation, a search box, filters, and the "
        "evidence sentences of every fact in a side panel.",
    )
    _add_graph_option(draw)
    draw.add_argument("--out", type=Path, default=DEFAULT_OUT / PAGE_FILE, metavar="FILE",
                      help=f"the page to write (default: ./out/{PAGE_FILE})")
    draw.add_argument("--lang", choices=LANGUAGES, default=DEFAULT_LANG,
                      help=f"language of the labels and the page (default: {DEFAULT_LANG})")
    draw.add_argument("--overview", action=argparse.BooleanOptionalAction, default=None,
                      help="open on the network of organizations, people, pledges and events "
                      "(articles, outlets, quotations and commitments hidden until asked for); "
                      "default: for graphs of more than 150 nodes")
    draw.set_defaults(run=_draw)
    _add_query_commands(commands)
    _add_eval_command(commands)
    _add_update_commands(commands)
    _add_push_command(commands)
    _add_serve_command(commands)
    return parser


def _add_graph_option(command: argparse.ArgumentParser) -> None:
    """The ``--graph FILE`` option of every command that reads a built graph."""
    command.add_argument("--graph", type=Path, default=DEFAULT_OUT, metavar="PATH",
                         help="a build folder (`kg build --out`; its Oxigraph store is opened, "
                         "nothing is parsed) or a graph file to parse: .ttl, .jsonld, .trig or "
                         ".nq (default: ./out)")


def _build(args: argparse.Namespace) -> int:
    from kg.build import build_graph, write_build
    from kg.extract.text import release_korean

    max_size = _max_size(args.max_size)
    build = build_graph(args.articles, encoding=args.encoding, max_size=max_size,
                        progress=_progress(args.quiet), workers=args.workers, check=False,
                        scheduler=args.scheduler)
    release_korean()  # about 300 MiB that writing the outputs does not need
    written = write_build(build, args.out)
    if not args.quiet:
        _print_summary(build, written)
    return _problems("build", build)


def _max_size(megabytes: float | None) -> int | None:
    """``--max-size MB`` in bytes: the default limit when not given, none for 0."""
    from kg.loader import MAX_SIZE

    if megabytes is None:
        return MAX_SIZE
    return int(megabytes * 1e6) if megabytes > 0 else None


def _problems(command: str, build: Build | Update) -> int:
    """Name each article that failed and each thing dropped on stderr; the exit code."""
    for name, error in build.failures:
        where = "" if name in str(error) else f"{name}: "
        print(f"kg {command}: failed: {where}{error}", file=sys.stderr)
    for name, reason in build.dropped:
        print(f"kg {command}: dropped: {name}: {reason}", file=sys.stderr)
    return EXIT_PARTIAL if build.failures or build.dropped else 0


Progress = Callable[[int, int, str], None]


def _progress(quiet: bool = False) -> Progress | None:
    """A progress bar on stderr for long work, only when stderr is a terminal."""
    if quiet or not sys.stderr.isatty():
        return None

    def show(done: int, total: int, name: str) -> None:
        if total < 5:
            return
        width = 30
        filled = width * done // total
        print(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {name[:40]:<40}",
              end="" if done < total else "\n", file=sys.stderr, flush=True)

    return show


def _print_summary(build: Build, written: list[Path]) -> None:
    summary = build.summary()
    count = len(build.articles)
    print(f"Built {count} article{'s' if count != 1 else ''}; "
          "the graph conforms to the SHACL shapes.")
    print("Wrote " + ", ".join(str(p) for p in written))  # in `OUTPUTS` order
    print("Entities: " + ", ".join(f"{k} {v}" for k, v in _ranked(summary["entities"])))
    print("Facts:    " + ", ".join(f"{k} {v}" for k, v in _ranked(summary["facts"])))


def _ranked(counts: Counter[str]) -> list[tuple[str, int]]:
    """Most frequent first, ties by name, so the summary reads the same on every run."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _why(args: argparse.Namespace) -> int:
    from kg.store import load_graph
    from kg.why import explain

    graph = load_graph(args.graph)
    reasons = explain(graph, args.subject, args.relation, args.object)
    if not reasons:
        raise KGError(f"{args.graph}: the graph does not hold: {args.subject} {args.relation} "
                      f"{args.object}")
    for reason in reasons:
        print(f"{reason.article} [{reason.start}:{reason.end}] {reason.text}")
    return 0


def _draw(args: argparse.Namespace) -> int:
    from kg.draw import render_html, write_html
    from kg.store import load_graph

    page = render_html(load_graph(args.graph), lang=args.lang, overview=args.overview)
    path = write_html(page, args.out)
    print(f"Wrote {path}")
    return 0


# `query`, `stats` and `export`: SPARQL over the graph, and the graph as a network.

def _add_query_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    query = commands.add_parser(
        "query", help="run a named SPARQL query, or your own, over the graph",
        description="Run a SPARQL query over the graph: one of the named queries (see --list), "
        "a .rq file, SPARQL text, or - to read it from stdin. Parameters are bound as values, "
        "never pasted into the query; a name (any label or spelling, Korean or English) "
        "stands for its entity.",
    )
    source = query.add_mutually_exclusive_group(required=True)
    source.add_argument("query", nargs="?", metavar="QUERY",
                        help="a query name, a .rq file, SPARQL text, or -")
    source.add_argument("--list", action="store_true", help="list the named queries and exit")
    query.add_argument("--param", "-p", action="append", type=_param, default=[],
                       metavar="NAME=VALUE", help='e.g. --param pledge="서울 AI 기업 서약" (repeatable)')
    query.add_argument("--format", choices=[f.value for f in ResultFormat], default="table",
                       help="table (default), csv, tsv, json (SPARQL 1.1 results) or markdown")
    query.add_argument("--lang", choices=LANGUAGES, default=DEFAULT_LANG,
                       help=f"language of the names shown for IRIs (default: {DEFAULT_LANG})")
    _add_graph_option(query)
    query.set_defaults(run=_query)

    stats = commands.add_parser(
        "stats", help="network measures: centrality, co-signatures, bridges",
        description="Print the graph's network measures as tables: the most central entities "
        "(degree and betweenness), the organizations that signed the same pledges, and the "
        "organizations and people that link pledges or events.",
    )
    stats.add_argument("--top", type=int, default=DEFAULT_TOP, metavar="N",
                       help=f"rows per ranked table (default: {DEFAULT_TOP})")
    stats.add_argument("--lang", choices=LANGUAGES, default=DEFAULT_LANG,
                       help=f"language of the names (default: {DEFAULT_LANG})")
    _add_graph_option(stats)
    stats.set_defaults(run=_stats)

    export = commands.add_parser(
        "export", help="write the graph as a network file for Gephi (GraphML or GEXF)",
        description="Write the entities and their relations (or one view of them) as GraphML "
        "or GEXF, with class, Korean and English labels and Wikidata id on every node.",
    )
    export.add_argument("--out", type=Path, required=True, metavar="FILE",
                        help="the file to write: FILE.graphml or FILE.gexf")
    export.add_argument("--format", choices=[f.value for f in NetworkFormat],
                        help="graphml or gexf (default: the one --out's extension names; "
                        "a contradiction between the two is an error)")
    export.add_argument("--view", choices=VIEWS, default="entities",
                        help="entities (default); signed (organization-pledge); "
                        "attended (person-event); co-signatures (organizations, weighted)")
    _add_graph_option(export)
    export.set_defaults(run=_export)


def _param(text: str) -> tuple[str, str]:
    name, equals, value = text.partition("=")
    if not equals or not name.strip():
        raise argparse.ArgumentTypeError(f"{text!r}: expected NAME=VALUE")
    return name.strip(), value


def _query_source(spec: str) -> str | NamedQuery:
    from kg.query import named_queries, parse_query, read_query

    if spec == "-":
        return parse_query(sys.stdin.read(), "<stdin>")
    if spec not in named_queries() and spec.endswith((".rq", ".sparql")):
        return read_query(spec)
    return spec


def _query(args: argparse.Namespace) -> int:
    from kg.query import format_result, named_queries, run_query, text_table
    from kg.store import load_graph

    if args.list:
        rows = [[q.name, " ".join(p.name for p in q.parameters), q.description]
                for q in named_queries().values()]
        print(text_table(["query", "parameters", "description"], rows))
        return 0
    query = _query_source(args.query)
    result = run_query(load_graph(args.graph), query, params=dict(args.param), lang=args.lang)
    print(format_result(result, args.format, lang=args.lang))
    return 0


def _stats(args: argparse.Namespace) -> int:
    from kg.analysis import stats_report, to_networkx
    from kg.store import load_graph

    print(stats_report(to_networkx(load_graph(args.graph)), lang=args.lang, top=args.top))
    return 0


def _export(args: argparse.Namespace) -> int:
    from kg.formats import network_format

    fmt = network_format(args.out, args.format)  # before the graph is read: fail fast

    from kg.analysis import network_view, to_networkx, write_network
    from kg.store import load_graph

    network = network_view(to_networkx(load_graph(args.graph)), args.view)
    path = write_network(network, args.out, fmt)
    print(f"Wrote {path} as {fmt.value} ({network.number_of_nodes()} nodes, "
          f"{network.number_of_edges()} edges)")
    return 0


GOLD_FORMAT = """\
A gold file is JSON, one per article, named like it (file.json beside file.txt):

  {"article": "file.txt",
   "signed":        [{"org": "Naver", "pledge": "Seoul AI Business Pledge"}],
   "attended":      [{"person": "Andrew Ng", "event": "AI Global Forum"}],
   "affiliation":   [{"person": "Jason Kwon", "org": "OpenAI",
                      "title": "Chief Strategy Officer"}],
   "stated_counts": [{"pledge": "Seoul AI Business Pledge", "count": 14}]}

Names are any label or spelling the catalogue knows (English or Korean); a person or
organization it does not know is written as the article writes it. "article" is the text
file's name, relative to the gold file; every list may be empty. Rows list only what the
text states."""


def _add_eval_command(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    evaluate = commands.add_parser(
        "eval", help="measure extraction against gold files (precision, recall, F1)",
        description="Build each gold file's article and print precision, recall and F1 for "
        "signed, attended, affiliatedWith and statedSignatoryCount, per language of the "
        "articles (ko, en) and in all, with the misses and extras. An article that fails to "
        "build is named on stderr, its gold facts count as misses, and the exit code is 3. "
        "A progress bar is shown on a terminal.",
        epilog=GOLD_FORMAT, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    evaluate.add_argument("gold", type=Path, metavar="GOLD_DIR", help="folder of *.json gold files")
    evaluate.add_argument("--summary", action="store_true", help="print the table only")
    evaluate.set_defaults(run=_eval)


def _eval(args: argparse.Namespace) -> int:
    from kg.evaluate import evaluate, format_scores, gold_paths

    scores = evaluate(gold_paths(args.gold), progress=_progress())
    print(format_scores(scores, details=not args.summary))
    for name, error in scores.failures:
        print(f"kg eval: failed: {error if name in error else f'{name}: {error}'}",
              file=sys.stderr)
    return EXIT_PARTIAL if scores.failures else 0


def _add_push_command(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from kg.push import DEFAULT_TIMEOUT, ENV_PASSWORD, ENV_USER, UNION_GRAPH, UNION_MODES

    push = commands.add_parser(
        "push", help="upload a build's named graphs to a SPARQL 1.1 store (Graph Store Protocol)",
        description="Upload each article's named graph of a build, then the union, to a SPARQL "
        "1.1 store: one HTTP PUT per graph (?graph=IRI), which replaces the graph whole, so "
        "running the same push again after a failure finishes the job without duplicates. "
        "A progress bar is shown on a terminal.",
        epilog=f"The user name and password are read from the environment variables {ENV_USER} "
        f"and {ENV_PASSWORD}, never from the command line; the server's challenge picks Basic "
        f"or Digest. Query the whole corpus with default-graph-uri={UNION_GRAPH} (or FROM "
        "<...>): a store's own default graph may be empty (Oxigraph) or every graph at once, "
        "with repeats (Virtuoso). Example: kg push --to http://localhost:7878/query",
    )
    push.add_argument("--to", required=True, metavar="URL",
                      help="the store's SPARQL endpoint or address, e.g. http://host:7878/query "
                      "(Oxigraph), http://host:8890/sparql (Virtuoso), http://host:3030/DS/sparql "
                      "(Fuseki), http://host:7200/repositories/ID (GraphDB, RDF4J)")
    push.add_argument("--graph-store", metavar="URL",
                      help="the store's Graph Store Protocol endpoint, when it is not where "
                      "--to implies (Oxigraph .../store, Virtuoso .../sparql-graph-crud-auth, "
                      "Fuseki .../DS/data)")
    push.add_argument("--out", type=Path, default=DEFAULT_OUT, metavar="DIR",
                      help="the build folder to push (default: ./out)")
    push.add_argument("--union", choices=UNION_MODES, default="named",
                      help=f"where the union of the build goes: named (default: the graph "
                      f"{UNION_GRAPH}), default (the store's default graph; Oxigraph, Fuseki), "
                      "or skip")
    push.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                      help=f"how long to wait for the server at each step (default: "
                      f"{DEFAULT_TIMEOUT:g})")
    push.add_argument("--quiet", "-q", action="store_true", help="print nothing but errors")
    push.set_defaults(run=_push)


def _push(args: argparse.Namespace) -> int:
    from kg.push import UNION_GRAPH, push_build

    report = push_build(args.out, args.to, graph_store=args.graph_store, union=args.union,
                        timeout=args.timeout, progress=_progress(args.quiet))
    if not args.quiet:
        print(f"Pushed {len(report.pushed)} graphs ({report.triples} triples, "
              f"{report.bytes / 1e6:.1f} MB) to {report.graph_store} in {report.seconds:.1f} s")
        if UNION_GRAPH in report.pushed:
            print(f"The union is the graph <{UNION_GRAPH}>: query it with "
                  f"default-graph-uri={UNION_GRAPH} or FROM <{UNION_GRAPH}>")
    return 0


# `add` and `remove`: change the articles of a build without reading the others again.

def _add_update_commands(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    add = commands.add_parser(
        "add", help="add articles to a build, or replace them (without reading the others again)",
        description="Extract only the articles given and merge them into the last build in DIR: "
        "an article with the same bytes, or from the same file, is replaced. The result is the "
        "build `kg build` of all the articles would write, file for file; only the articles the "
        "change touches are merged again and only the nodes it names validated, the rest is "
        "copied from the last build, and the new build is switched into place at once. A "
        "progress bar is shown on a terminal.",
    )
    add.add_argument("articles", nargs="+", metavar="ARTICLE",
                     help="article files (UTF-8 text) or folders of *.txt articles")
    add.add_argument("--out", type=Path, default=DEFAULT_OUT, metavar="DIR",
                     help="the folder of an existing build (default: ./out)")
    add.add_argument("--encoding", metavar="ENC", help="as for `kg build`")
    add.add_argument("--workers", type=int, metavar="N", help="as for `kg build`")
    add.add_argument("--max-size", type=float, metavar="MB", help="as for `kg build`")
    add.add_argument("--quiet", "-q", action="store_true", help="print nothing but errors")
    add.set_defaults(run=_add)

    remove = commands.add_parser(
        "remove", help="take articles out of a build, with the facts only they stated",
        description="Take articles out of the last build in DIR and merge the rest again: "
        "facts that only those articles stated go with them. An article is named by its file "
        "as it was given to the build, by the file's name when only one article has it, or by "
        "a file with the same bytes.",
    )
    remove.add_argument("articles", nargs="+", metavar="ARTICLE", help="the articles to take out")
    remove.add_argument("--out", type=Path, default=DEFAULT_OUT, metavar="DIR",
                        help="the folder of an existing build (default: ./out)")
    remove.add_argument("--quiet", "-q", action="store_true", help="print nothing but errors")
    remove.set_defaults(run=_remove)


def _add(args: argparse.Namespace) -> int:
    from kg.incremental import add_articles, updating

    max_size = _max_size(args.max_size)
    with updating(args.out):
        update, change = add_articles(args.out, args.articles, encoding=args.encoding,
                                      max_size=max_size, progress=_progress(args.quiet),
                                      workers=args.workers)
        update.write(args.out)
    if not args.quiet:
        print(f"Added {len(change.added)}, replaced {len(change.replaced)}; the build in "
              f"{args.out} holds {update.articles} articles and conforms to the SHACL shapes.")
    return _problems("add", update)


def _remove(args: argparse.Namespace) -> int:
    from kg.incremental import remove_articles, updating

    with updating(args.out):
        update, change = remove_articles(args.out, args.articles)
        update.write(args.out)
    if not args.quiet:
        print(f"Removed {len(change.removed)}; the build in {args.out} holds "
              f"{update.articles} articles and conforms to the SHACL shapes.")
    return _problems("remove", update)


# `serve`: the store as a SPARQL endpoint on this machine (kg.serve).

def _add_serve_command(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from kg.serve import DEFAULT_BIND, DEFAULT_TIMEOUT  # the standard library only

    serve = commands.add_parser(
        "serve", help="serve a build as a SPARQL endpoint, with a query page, on this machine",
        description="Serve the store of a build read-only with Oxigraph's server: the SPARQL "
        "1.1 Protocol at /query (GET or POST; JSON, XML, CSV or TSV results by the Accept "
        "header), the Graph Store Protocol for reading graphs at /store (?graph=IRI, one per "
        "article, or ?default for the union), a query page at / that works offline, and the "
        "interactive page at /graph.html. Ctrl-C stops it. The build served is the one DIR "
        "shows at start: a later `kg build` into DIR leaves it in place until the server stops.",
        epilog="Example: curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE "
        "{ ?s ?p ?o } LIMIT 5' http://127.0.0.1:7878/query",
    )
    serve.add_argument("--out", type=Path, default=DEFAULT_OUT, metavar="DIR",
                       help="the build folder to serve (default: ./out)")
    serve.add_argument("--bind", default=DEFAULT_BIND, metavar="HOST:PORT",
                       help=f"address to listen on (default: {DEFAULT_BIND}, this machine only; "
                       "port 0 picks a free one)")
    serve.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                       help=f"stop a query that runs longer, answering 503 (default: "
                       f"{DEFAULT_TIMEOUT:g})")
    serve.add_argument("--allow-updates", action="store_true",
                       help="accept SPARQL updates and Graph Store writes, into a scratch copy of "
                       "the store that is deleted when the server stops (the build is never "
                       "changed; use kg add and kg remove for that)")
    serve.set_defaults(run=_serve)


def _serve(args: argparse.Namespace) -> int:
    from kg.serve import Server, is_loopback, parse_bind, serve

    host, _ = parse_bind(args.bind)
    if not is_loopback(host):
        print(f"kg serve: warning: listening on {host}, reachable from other machines; the "
              "server has no authentication", file=sys.stderr)

    def ready(server: Server) -> None:
        build = server.build.name if server.build else "?"
        print(f"Serving {args.out} (build {build}) at {server.url}/ (SPARQL endpoint "
              f"{server.url}/query); Ctrl-C stops", flush=True)

    serve(args.out, bind=args.bind, timeout=args.timeout, allow_updates=args.allow_updates,
          ready=ready)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
