"""The catalogue of rules: stable codes, default severities and what each one means.

Checks look their default severity up here; settings validate rule names against it; the
README table and the server's hover explanations are generated from it.
"""

from __future__ import annotations

from dataclasses import dataclass

from blog_lsp.findings import MAX_FINDINGS_PER_NOTE, Severity


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    severity: Severity
    scope: str  # "drafts", "notes" (every note) or "vault"
    summary: str


_W, _E, _I, _H = Severity.WARNING, Severity.ERROR, Severity.INFORMATION, Severity.HINT

RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        Rule(
            "british-spelling",
            _W,
            "notes",
            "An American spelling in prose, with its British form as the fix.",
        ),
        Rule(
            "british-style",
            _H,
            "notes",
            "A word the style guide prefers in its British form (whilst, amongst, learnt).",
        ),
        Rule(
            "spelling",
            _I,
            "notes",
            "A word that is in no dictionary, no word list and no other note: maybe a typo. "
            "Names, acronyms, identifiers and regular forms of known words are not reported, "
            "and a word is reported at all its uses in a note or at none.",
        ),
        Rule(
            "text-mojibake",
            _W,
            "notes",
            "Garbled characters from UTF-8 read as Windows-1252 (O(nÂ²), â†’), with ftfy's "
            "repair as the fix.",
        ),
        Rule(
            "frontmatter-invalid",
            _E,
            "notes",
            "The frontmatter is not valid YAML, or holds more aliases or deeper nesting than "
            "blog-lsp reads, so none of its fields can be read.",
        ),
        Rule(
            "frontmatter-missing",
            _E,
            "drafts",
            "A blog draft needs a frontmatter block between '---' lines.",
        ),
        Rule(
            "frontmatter-field-missing",
            _E,
            "drafts",
            "A required frontmatter field is missing or empty.",
        ),
        Rule("frontmatter-type", _W, "drafts", "A blog draft has 'type: Blog'."),
        Rule(
            "frontmatter-date", _W, "drafts", "The date is written as a quoted 'YYYY-MM-DD' string."
        ),
        Rule("frontmatter-tags", _W, "drafts", "Tags are a list that includes the 'blog' tag."),
        Rule(
            "frontmatter-status",
            _W,
            "drafts",
            "The status is one of the workflow values (draft, review, published).",
        ),
        Rule(
            "seo-description-placeholder",
            _W,
            "drafts",
            "The description is still a placeholder ('TODO: ...', as `blog-lsp new` writes it "
            "without `--description`): one finding that asks for it, none about its length.",
        ),
        Rule(
            "seo-description-length",
            _W,
            "drafts",
            "Search engines cut long descriptions (over 160 characters by default).",
        ),
        Rule(
            "seo-description-short",
            _H,
            "drafts",
            "A short description (under 70 characters by default) wastes space in search results.",
        ),
        Rule(
            "seo-description-action",
            _H,
            "drafts",
            "A description that starts with an action word (Learn, Discover...) reads better.",
        ),
        Rule(
            "seo-description-topic",
            _H,
            "drafts",
            "The description names the post's main topic: at least one key word of the title "
            "(common words left out; 'models' matches 'model') or one of its topic tags.",
        ),
        Rule(
            "seo-title-length",
            _W,
            "drafts",
            "Search engines cut long titles (over 60 characters by default).",
        ),
        Rule("filename-length", _W, "drafts", "Filenames stay short (60 characters by default)."),
        Rule("filename-title-case", _W, "drafts", "Filenames are written in Title Case."),
        Rule(
            "filename-characters",
            _W,
            "drafts",
            "Filenames replace special characters with hyphens or spaces.",
        ),
        Rule("filename-title-mismatch", _W, "drafts", "The filename is the title."),
        Rule("structure-h1", _W, "drafts", "A draft has one H1 heading, equal to its title."),
        Rule(
            "structure-introduction", _W, "drafts", "A draft opens with an 'Introduction' section."
        ),
        Rule("structure-conclusion", _W, "drafts", "A draft ends with a 'Conclusion' section."),
        Rule(
            "structure-sections",
            _W,
            "drafts",
            "A draft has 2 to 4 main sections between its Introduction and Conclusion.",
        ),
        Rule(
            "structure-related",
            _W,
            "drafts",
            "A draft ends with a '**Related**:' footer of wiki-links.",
        ),
        Rule(
            "structure-tags",
            _W,
            "drafts",
            "The '**Tags**:' footer lists the frontmatter's tags (all but 'blog', in any order "
            "and case), with the line rewritten from the frontmatter as the fix.",
        ),
        Rule(
            "structure-introduction-length",
            _H,
            "drafts",
            "The Introduction has at most 3 paragraphs (lists, code, tables and quotes are not "
            "paragraphs, nor is a line ending in ':' that leads into one).",
        ),
        Rule(
            "structure-conclusion-length",
            _H,
            "drafts",
            "The Conclusion has at most 2 paragraphs, counted as for the Introduction; the "
            "footer after it is not part of it.",
        ),
        Rule(
            "structure-takeaways",
            _H,
            "drafts",
            "The Conclusion, once it has any text, sums up the post in a list of 3 to 5 takeaways.",
        ),
        Rule(
            "code-fence-language",
            _H,
            "drafts",
            "A fenced code block names its language ('```python') so that it is highlighted; "
            "'```text' marks one that is not code.",
        ),
        Rule(
            "duplicate-draft", _W, "drafts", "Another draft has nearly the same title or content."
        ),
        Rule(
            "jargon-undefined",
            _H,
            "drafts",
            "An acronym (PEFT, RAG, KV) used in a draft's prose before it is spelled out, as "
            "'Parameter-Efficient Fine-Tuning (PEFT)' or 'PEFT (Parameter-Efficient "
            "Fine-Tuning)', or never spelled out. Acronyms in known_acronyms are not reported.",
        ),
        Rule(
            "link-unresolved",
            _W,
            "notes",
            "A wiki-link names a note the vault does not have, or a Markdown link a file it does "
            "not have (a note, or a relative path with an extension; site paths such as /about "
            "are not checked).",
        ),
        Rule(
            "link-heading-unresolved",
            _W,
            "notes",
            "A wiki-link names a heading or block that its note does not have.",
        ),
        Rule(
            "link-ambiguous",
            _I,
            "notes",
            "A wiki-link matches several notes; Obsidian opens the one with the shortest path.",
        ),
        Rule(
            "file-encoding", _E, "notes", "The file is not UTF-8 text, so blog-lsp cannot check it."
        ),
        Rule(
            "filename-encoding",
            _W,
            "notes",
            "The file's name is not UTF-8, so no wiki-link can name it.",
        ),
        Rule(
            "file-too-large",
            _I,
            "notes",
            "The file is larger than max_file_size, so blog-lsp skips it.",
        ),
        Rule(
            "findings-truncated",
            _I,
            "notes",
            f"A note has more than {MAX_FINDINGS_PER_NOTE:,} findings: the rest are counted, "
            "not shown.",
        ),
        Rule(
            "config-invalid",
            _W,
            "vault",
            "A setting in .blog-lsp.toml or the editor settings is unknown or has the wrong type.",
        ),
    )
}
