"""The `kg` command: a thin layer over the library; each command makes one library call.

Exit codes: 0 success; 1 an error in the input or the graph (one line on stderr);
2 a usage error; 3 the build finished but some articles failed (named on stderr).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from kg.build import Build, build_graph
from kg.errors import KGError
from kg.explain import explain
from kg.store import DEFAULT_OUT, GRAPH_FILE, Format, load_graph, remove_stale, serialize, write_files

EXIT_ERROR, EXIT_USAGE, EXIT_PARTIAL = 1, 2, 3
OUTPUTS = [f.value for f in Format]


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
        "graph against the SHACL shapes, and write kg.ttl, kg.jsonld, kg.trig and kg.nq.",
    )
    build.add_argument("articles", nargs="*", metavar="ARTICLE",
                       help="article files (UTF-8 text) or folders of *.txt articles")
    build.add_argument("--out", type=Path, default=DEFAULT_OUT, metavar="DIR",
                       help="output folder (default: ./out)")
    build.add_argument("--encoding", metavar="ENC",
                       help="decode every article with this encoding (e.g. cp949)")
    build.add_argument("--quiet", action="store_true", help="print nothing but errors")
    build.set_defaults(run=_build)

    why = commands.add_parser(
        "why", help="show the sentences that state a fact",
        description="Print the evidence for one fact: each sentence with its article and "
        "character offsets. Names may be any label or spelling, Korean or English.",
    )
    why.add_argument("subject", help='e.g. "Samsung Electronics" or 삼성전자')
    why.add_argument("relation", help="signed, attended, affiliatedWith, statedSignatoryCount, …")
    why.add_argument("object", help='e.g. "Seoul AI Business Pledge", or a number for counts')
    why.add_argument("--graph", type=Path, default=DEFAULT_OUT / GRAPH_FILE, metavar="FILE",
                     help="graph built by `kg build` (default: ./out/kg.ttl)")
    why.set_defaults(run=_why)
    return parser


def _build(args: argparse.Namespace) -> int:
    try:
        build = build_graph(args.articles, encoding=args.encoding, progress=_progress(args))
    except KGError:
        remove_stale(args.out, OUTPUTS)
        raise
    producers = {
        Format.TURTLE.value: lambda: serialize(build.graph, Format.TURTLE),
        Format.JSONLD.value: lambda: serialize(build.graph, Format.JSONLD),
        Format.TRIG.value: lambda: serialize(build.dataset(), Format.TRIG),
        Format.NQUADS.value: lambda: serialize(build.dataset(), Format.NQUADS),
    }
    written = write_files(args.out, producers)
    if not args.quiet:
        _print_summary(build, written)
    for name, error in build.failures:
        print(f"kg build: failed: {error}" if name in str(error) else f"kg build: failed: {name}: {error}",
              file=sys.stderr)
    return EXIT_PARTIAL if build.failures else 0


def _progress(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    if args.quiet or not sys.stderr.isatty():
        return None
    bar: dict[str, object] = {}

    def show(done: int, total: int, name: str) -> None:
        if total < 5:
            return
        width = 30
        filled = width * done // total
        print(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {name[:40]:<40}",
              end="" if done < total else "\n", file=sys.stderr, flush=True)
        bar["last"] = done

    return show


def _print_summary(build: Build, written: list[Path]) -> None:
    summary = build.summary()
    count = len(build.articles)
    print(f"Built {count} article{'s' if count != 1 else ''}; the graph conforms to the SHACL shapes.")
    print("Wrote " + ", ".join(str(p) for p in written))
    print("Entities: " + ", ".join(f"{k} {v}" for k, v in summary["entities"].most_common()))
    print("Facts:    " + ", ".join(f"{k} {v}" for k, v in summary["facts"].most_common()))


def _why(args: argparse.Namespace) -> int:
    graph = load_graph(args.graph)
    reasons = explain(graph, args.subject, args.relation, args.object)
    if not reasons:
        print(f"The graph does not hold: {args.subject} {args.relation} {args.object}")
        return EXIT_ERROR
    for reason in reasons:
        print(f"{reason.article} [{reason.start}:{reason.end}] {reason.text}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
