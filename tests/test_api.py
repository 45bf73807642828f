"""The public Python API: what `kg` exports is what a notebook user can rely on."""

from __future__ import annotations

import kg


def test_all_lists_exactly_the_public_names() -> None:
    for name in kg.__all__:
        getattr(kg, name)  # imported on first use
    public = {name for name in vars(kg) if not name.startswith("_")} - {"annotations"}
    modules = {name for name in public if type(getattr(kg, name)).__name__ == "module"}
    assert set(kg.__all__) == public - modules
    for name in kg.__all__:
        assert getattr(kg, name).__doc__, name


def test_python_users_can_build_and_ask_why() -> None:
    build = kg.build_graph()
    reasons = kg.explain(
        build.graph, "Samsung Electronics", "signed", "Frontier AI Safety Commitments"
    )
    assert [r.start for r in reasons] == [3140]
