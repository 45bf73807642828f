"""The `kg` command: a thin layer over the library; each command makes one library call.

Exit codes: 0 success; 1 an error in the input or the graph (one line on stderr);
2 a usage error; 3 the build finished but some articles failed (named on stderr).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from kg.analysis import (
    DEFAULT_TOP,
    VIEWS,
    NetworkFormat,
    network_view,
    stats_report,
    to_networkx,
    write_network,
)
from kg.build import Build, Validation, build_graph
from kg.draw import PAGE_FILE, render_html, write_html
from kg.errors import KGError
from kg.evaluate import evaluate, format_scores, gold_paths
from kg.explain import explain
from kg.extract.text import release_korean
from kg.query import (
    DEFAULT_LANG,
    LANGUAGES,
    NamedQuery,
    ResultFormat,
    format_result,
    named_queries,
    parse_query,
    read_query,
    run_query,
    text_table,
)
from kg.store import (
    DEFAULT_OUT,
    GRAPH_FILE,
    Format,
    iter_named,
    iter_union,
    load_graph,
    remove_stale,
    serialize,
    write_files,
)

EXIT_ERROR, EXIT_USAGE, EXIT_PARTIAL = 1, 2, 3
OUTPUTS = [*(f.value for f in Format), PAGE_FILE]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except KGError as exc:
        print(f"kg {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_ERROR


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg",
        description="Build and explore an RDF knowledge graph of news coverage of the AI Seoul "
        "Summit (21-22 May 2024), with the source sentence of every fact.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser(
        "build", help="build the graph of articles (default: the bundled seed article)",
        description="Read articles, extract who signed, attended and said what, validate the "
        "graph against the SHACL shapes, and write kg.ttl, kg.jsonld, kg.trig, kg.nq and the "
        "interactive page graph.html.",
    )
    build.add_argument("articles", nargs="*", metavar="ARTICLE",
                       help="article files (UTF-8 text) or folders of *.txt articles")
    build.add_argument("--out", type=Path, default=DEFAULT_OUT, metavar="DIR",
                       help="output folder (default: ./out)")
    build.add_argument("--encoding", metavar="ENC",
                       help="decode every article with this encoding (e.g. cp949)")
    build.add_argument("--quiet", action="store_true", help="print nothing but errors")
    build.add_argument("--workers", type=int, metavar="N",
                       help="worker processes that extract articles, forked so that they share "
                       "Kiwi's model (default: one per core from 40 articles on; 1: none)")
    build.set_defaults(run=_build)

    why = commands.add_parser(
        "why", help="show the sentences that state a fact",
        description="Print the evidence for one fact: each sentence with its article and "
        "character offsets. Names may be any label or spelling, Korean or English.",
    )
    why.add_argument("subject", help='e.g. "Samsung Electronics" or 삼성전자')
    why.add_argument("relation", help="signed, attended, affiliatedWith, statedSignatoryCount, …")
    why.add_argument("object", help='e.g. "Seoul AI Business Pledge", or a number for counts')
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
    draw.set_defaults(run=_draw)
    _add_query_commands(commands)
    _add_eval_command(commands)
    return parser


def _add_graph_option(command: argparse.ArgumentParser) -> None:
    """The ``--graph FILE`` option of every command that reads a built graph."""
    command.add_argument("--graph", type=Path, default=DEFAULT_OUT / GRAPH_FILE, metavar="FILE",
                         help="graph built by `kg build` (default: ./out/kg.ttl)")


def _build(args: argparse.Namespace) -> int:
    try:
        build = build_graph(args.articles, encoding=args.encoding, progress=_progress(args),
                            workers=args.workers, check=False)
    except KGError:
        remove_stale(args.out, OUTPUTS)
        raise
    release_korean()  # about 300 MiB that writing the outputs does not need
    # The graph is validated and then drawn in a forked process while this one writes the
    # RDF files; the page is collected last, and nothing is put in place unless it conforms.
    validation = Validation(build.graph, then=lambda: render_html(build.graph).encode("utf-8"))
    producers: dict[str, Callable[[], bytes | Iterable[bytes]]] = {
        Format.TURTLE.value: lambda: serialize(build.graph, Format.TURTLE),
        Format.JSONLD.value: lambda: iter_union(build.graph, Format.JSONLD),
        Format.TRIG.value: lambda: iter_named(build.named_graphs(), Format.TRIG),
        Format.NQUADS.value: lambda: iter_named(build.named_graphs(), Format.NQUADS),
        PAGE_FILE: lambda: validation.result() or b"",
    }
    try:
        written = write_files(args.out, producers, before_commit=validation.result)
    except KGError:
        remove_stale(args.out, OUTPUTS)
        raise
    finally:
        validation.cancel()
    if not args.quiet:
        _print_summary(build, written)
    for name, error in build.failures:
        where = "" if name in str(error) else f"{name}: "
        print(f"kg build: failed: {where}{error}", file=sys.stderr)
    return EXIT_PARTIAL if build.failures else 0


def _progress(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    if args.quiet or not sys.stderr.isatty():
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
    print("Wrote " + ", ".join(str(p) for p in sorted(written, key=lambda p: OUTPUTS.index(p.name))))
    print("Entities: " + ", ".join(f"{k} {v}" for k, v in _ranked(summary["entities"])))
    print("Facts:    " + ", ".join(f"{k} {v}" for k, v in _ranked(summary["facts"])))


def _ranked(counts: Counter[str]) -> list[tuple[str, int]]:
    """Most frequent first, ties by name, so the summary reads the same on every run."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _why(args: argparse.Namespace) -> int:
    graph = load_graph(args.graph)
    reasons = explain(graph, args.subject, args.relation, args.object)
    if not reasons:
        print(f"The graph does not hold: {args.subject} {args.relation} {args.object}")
        return EXIT_ERROR
    for reason in reasons:
        print(f"{reason.article} [{reason.start}:{reason.end}] {reason.text}")
    return 0


def _draw(args: argparse.Namespace) -> int:
    path = write_html(render_html(load_graph(args.graph), lang=args.lang), args.out)
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
                        help="the file to write, e.g. out/kg.graphml")
    export.add_argument("--format", choices=[f.value for f in NetworkFormat],
                        default=NetworkFormat.GRAPHML.value, help="graphml (default) or gexf")
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
    if spec == "-":
        return parse_query(sys.stdin.read(), "<stdin>")
    if spec not in named_queries() and spec.endswith((".rq", ".sparql")):
        return read_query(spec)
    return spec


def _query(args: argparse.Namespace) -> int:
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
    print(stats_report(to_networkx(load_graph(args.graph)), lang=args.lang, top=args.top))
    return 0


def _export(args: argparse.Namespace) -> int:
    network = network_view(to_networkx(load_graph(args.graph)), args.view)
    path = write_network(network, args.out, args.format)
    print(f"Wrote {path} ({network.number_of_nodes()} nodes, {network.number_of_edges()} edges)")
    return 0


def _add_eval_command(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    evaluate = commands.add_parser(
        "eval", help="measure extraction against gold files (precision, recall, F1)",
        description="Build each gold file's article and print precision, recall and F1 for "
        "signed, attended, affiliatedWith and statedSignatoryCount, with the misses and extras. "
        "Gold files are JSON, one per article (see kg/evaluate.py for the format).",
    )
    evaluate.add_argument("gold", type=Path, metavar="GOLD_DIR", help="folder of *.json gold files")
    evaluate.add_argument("--summary", action="store_true", help="print the table only")
    evaluate.set_defaults(run=_eval)


def _eval(args: argparse.Namespace) -> int:
    scores = evaluate(gold_paths(args.gold))
    print(format_scores(scores, details=not args.summary))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
