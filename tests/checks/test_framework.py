"""The framework of the checks: the draft rules together, and the rule families."""

from __future__ import annotations

from pathlib import Path

from draft_notes import (
    EXPLAINER,
    EXPLAINER_PATH,
    TUTORIAL,
    TUTORIAL_PATH,
    Drafting,
    best_time,
    body,
    draft,
    make_context,
    run,
)

from blog_lsp.checks import CheckContext
from blog_lsp.checks.duplicates import check_duplicate
from blog_lsp.checks.framework import CHECK_MODULES, Check, all_checks, draft_checks, rules_of
from blog_lsp.rules import RULES
from blog_lsp.settings import Settings
from blog_lsp.vault.parse import parse_note
from blog_lsp.vault.vault import Vault

# -- the draft rules together: good drafts, and notes that are not drafts -----------------


def test_the_two_example_drafts_have_no_findings(context: Drafting) -> None:
    assert run(context, TUTORIAL_PATH, TUTORIAL) == []
    assert run(context, EXPLAINER_PATH, EXPLAINER) == []


def test_notes_that_are_not_drafts_are_not_checked(context: Drafting) -> None:
    assert run(context, "Notes/random thoughts.md", "no frontmatter, no headings\n") == []
    assert run(context, "Notes/x.md", draft(type="Note", date="someday")) == []


def test_a_blog_type_outside_the_drafts_folder_is_a_draft(context: Drafting) -> None:
    found = run(context, "Elsewhere/Serving LLMs with vLLM.md", draft(status="wip"))
    assert [item.code for item in found] == ["frontmatter-status"]


def test_the_drafts_folder_comes_from_the_settings(tmp_path: Path) -> None:
    context = make_context(tmp_path, Settings(drafts_folder="Blog/Drafts"))
    assert run(context, "Blog/Drafts/x.md", "text\n", "frontmatter-missing")
    assert run(context, "Tweets/x.md", "text\n") == []


def test_checks_on_a_long_draft_are_fast(context: Drafting) -> None:
    paragraph = "Attention lets each token weigh every other token in the sequence. " * 10
    sections = "".join(f"## Section {n}\n\n" + (paragraph + "\n\n") * 8 for n in range(4))
    text = body(
        "\n# Serving LLMs with vLLM\n\n## Introduction\n\n"
        + sections
        + "## Conclusion\n\nDone.\n\n---\n\n**Related**: [[A]]\n"
    )
    assert len(text.split()) > 3000
    note = parse_note(TUTORIAL_PATH, text)
    context.set_note(TUTORIAL_PATH, text)
    checks = [check for check in draft_checks() if check is not check_duplicate]
    checks_context = context.checks
    elapsed = best_time(lambda: [list(check(note, checks_context)) for check in checks])
    assert elapsed < 0.01  # the aim is well under 2 ms; the bound leaves room for slow CI


# -- the rule families: each rule comes from the module its code names ----------------------

# Not made by a check of a note: check_note itself counts what it leaves out, and the settings'
# problems are findings of the config file.
NOT_FROM_NOTE_CHECKS = {"findings-truncated", "config-invalid"}


def _family_of(check: Check) -> str:
    module = check.__module__
    assert module.startswith("blog_lsp.checks."), module
    return module.rsplit(".", 1)[1]


def _named_by(code: str, family: str) -> bool:
    """Whether a module's name is the first part of a rule's code, or its plural."""
    prefix = code.split("-", 1)[0]
    return family in (prefix, prefix + "s")


def test_each_check_declares_rules_of_its_own_family() -> None:
    declared: dict[str, list[str]] = {}
    for check in all_checks():
        assert rules_of(check), f"{check.__name__} declares no rules"
        for code in rules_of(check):
            assert _named_by(code, _family_of(check)), (code, check.__module__)
            declared.setdefault(code, []).append(check.__name__)
    assert set(declared) == set(RULES) - NOT_FROM_NOTE_CHECKS
    assert {code: names for code, names in declared.items() if len(names) > 1} == {}
    assert set(CHECK_MODULES) == {_family_of(check) for check in all_checks()}


def _corpus(root: Path) -> tuple[Vault, dict[str, str | None]]:
    """The example vault with notes that, between them, break every rule (text None: the
    note is read from disk)."""
    (root / "Latin.md").write_bytes("colour caf\u00e9".encode("cp1252"))
    (root / "Big.md").write_text("colour " * 3000, encoding="utf-8")
    vault = Vault(root, Settings(max_file_size=10_000)).scanned()
    notes: dict[str, str | None] = {path: None for path in vault.notes}
    notes |= {
        "Notes/Garbled.md": "It costs O(nÂ²) time.\n",
        "Notes/Broken YAML.md": "---\ntitle: [unclosed\n---\nText.\n",
        "Notes/Caf\udce9.md": "Fine.\n",
        "Tweets/Some Idea.md": "# Some Idea\n\nText.\n",
        TUTORIAL_PATH: draft(description="Learn vLLM.", status=None),
        "Tweets/" + "Word " * 15 + "End.md": body("\n# Serving LLMs with vLLM\n\nText.\n"),
        "Tweets/Serving LLMs With vLLM Again.md": draft(title="Serving LLMs With vLLM!"),
        "Tweets/Still to Describe.md": draft(
            title="Still to Describe", description="'TODO: later'"
        ),
        "Tweets/Loose Ends.md": TUTORIAL.replace("```python", "```")
        .replace("Start with the defaults, then measure.\n", "One.\n\nTwo.\n\nThree.\n")
        .replace("In this guide", "One.\n\nTwo.\n\nIn this guide")
        .replace("- prefix caching computes a shared prompt once\n", "")
        .replace("#LLM #inference", "#LLM")
        .replace("serve large language models fast with vLLM", "answer more requests on one card"),
    }
    for path, text in notes.items():
        if text is not None:
            vault = vault.with_text(path, text)
    return vault, notes


def test_each_rule_is_produced_by_the_module_its_code_names(example_vault: Path) -> None:
    vault, notes = _corpus(example_vault)
    context = CheckContext(vault)
    produced: dict[str, set[str]] = {}
    for path, text in notes.items():
        note = vault.load(path, text)
        for check in all_checks():
            for item in check(note, context):
                assert item.code in rules_of(check), (check.__name__, item.code)
                produced.setdefault(item.code, set()).add(_family_of(check))
    assert set(produced) == set(RULES) - NOT_FROM_NOTE_CHECKS
    strays = {
        code: families
        for code, families in produced.items()
        if not all(_named_by(code, family) for family in families)
    }
    assert strays == {}


def test_the_settings_rule_comes_from_checks_config_at_the_configured_severity() -> None:
    from blog_lsp.checks import config
    from blog_lsp.findings import Severity
    from blog_lsp.settings import SettingProblem

    problem = SettingProblem(".blog-lsp.toml", "drafts_folder", "drafts_folder must be text.", 3)
    (found,) = config.setting_findings([problem], {})
    assert found.code == "config-invalid"
    assert _named_by(found.code, config.__name__.rsplit(".", 1)[1])
    assert (found.range.start.line, found.data["key"]) == (3, "drafts_folder")
    (lowered,) = config.setting_findings([problem], {"config-invalid": "hint"})
    assert lowered.severity == Severity.HINT
    assert config.setting_findings([problem], {"config-invalid": "off"}) == []
