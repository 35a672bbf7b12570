"""BritishSpelling.find: each rule with cases that must be reported and cases that must not."""

from __future__ import annotations

import pytest

from blog_lsp.spelling import SPELLING, STYLE, BritishSpelling, SpellingHit

ISE = BritishSpelling()
OXFORD = BritishSpelling("oxford")


def fixes(prose: str, engine: BritishSpelling = ISE) -> list[tuple[str, str]]:
    return [(hit.word, hit.replacement) for hit in engine.find(prose)]


def in_sentence(word: str) -> str:
    return f"In this post the {word} matters."


# --- Traps from the spelling notes -------------------------------------------------------


@pytest.mark.parametrize(
    "word",
    [
        "size", "sizes", "sized", "sizing", "prize", "prizes", "prized", "seize", "seized",
        "seizing", "capsize", "capsized", "resize", "resized", "resizing", "downsize",
        "downsizing", "upsize", "oversize", "oversized", "baize", "maize", "assize",
    ],
)  # fmt: skip
def test_ize_in_every_dialect_is_never_reported(word: str) -> None:
    assert fixes(in_sentence(word)) == []


@pytest.mark.parametrize(
    "word",
    [
        "advertise", "advise", "compromise", "surprise", "exercise", "revise", "supervise",
        "televise", "improvise", "enterprise", "expertise", "franchise", "premise", "promise",
        "advertised", "surprising", "exercises", "promised",
    ],
)  # fmt: skip
def test_ise_in_every_dialect_is_never_reported(word: str) -> None:
    assert fixes(in_sentence(word)) == []
    assert fixes(in_sentence(word), OXFORD) == []


@pytest.mark.parametrize(
    ("american", "british"),
    [
        ("tokenize", "tokenise"),
        ("tokenization", "tokenisation"),
        ("tokenizer", "tokeniser"),
        ("tokenizers", "tokenisers"),
        ("tokenizing", "tokenising"),
        ("tokenized", "tokenised"),
        ("vectorize", "vectorise"),
        ("vectorization", "vectorisation"),
        ("binarize", "binarise"),
        ("binarized", "binarised"),
        ("featurize", "featurise"),
        ("featurization", "featurisation"),
        ("featurizer", "featuriser"),
        ("productionize", "productionise"),
        ("productionizing", "productionising"),
        ("quantize", "quantise"),
        ("quantization", "quantisation"),
        ("quantizes", "quantises"),
        ("detokenize", "detokenise"),
        ("resynthesize", "resynthesise"),
    ],
)
def test_open_class_ize_words_follow_the_rule(american: str, british: str) -> None:
    assert fixes(in_sentence(american)) == [(american, british)]
    assert fixes(in_sentence(american), OXFORD) == []


@pytest.mark.parametrize(
    ("american", "british"),
    [("analyze", "analyse"), ("paralyze", "paralyse"), ("catalyzed", "catalysed"),
     ("hydrolyzes", "hydrolyses"), ("reanalyzing", "reanalysing"), ("dialyzer", "dialyser")],
)  # fmt: skip
def test_yze_is_yse_in_both_modes(american: str, british: str) -> None:
    assert fixes(in_sentence(american)) == [(american, british)]
    assert fixes(in_sentence(american), OXFORD) == [(american, british)]


@pytest.mark.parametrize(
    "word",
    [
        "error", "errors", "mirror", "tensor", "tensors", "vendor", "monitor", "doctor",
        "major", "factor", "filter", "letter", "layer", "order", "offer", "transfer",
        "paradise", "vigorous", "humorous", "anchor", "sensor", "interior", "senior",
        "minor", "processor", "ancestor",
        "performative", "colorectal", "borage", "perviousness", "esc", "eros", "bel",
    ],
)  # fmt: skip
def test_words_that_only_look_american_are_never_reported(word: str) -> None:
    assert fixes(in_sentence(word)) == []


class TestSenseDependentWords:
    @pytest.mark.parametrize(
        "prose",
        [
            "The program reads the file.",
            "Our programs run nightly.",
            "Each check runs in CI and the checks pass.",
            "The tire and the tires were flat.",
            "The disk is full; add more disks.",
            "Close the dialog and reopen the dialogs.",
            "The first draft is ready; the drafts folder holds more.",
            "Put a curb on spending.",
            "The parking meter was broken and the meters were read.",
            "You can license the model for commercial use.",
            "They license their weights to partners.",
            "Good practice matters; in practice it works; best practices help.",
            "From theory to practice is a long road.",
            "We license the code under MIT.",
            "The smart meter of the house reads hourly.",
            "Read the meters in the hall.",
            "The licence is MIT; our licences are short.",
            "A driving licence and a licence fee.",
            "They hold a licence to sell.",
        ],
    )
    def test_not_reported_without_a_sure_context(self, prose: str) -> None:
        assert fixes(prose) == []

    @pytest.mark.parametrize(
        ("prose", "expected"),
        [
            ("Read the license first.", [("license", "licence")]),
            ("It ships under an MIT license.", [("license", "licence")]),
            ("It ships under the Apache 2.0 license.", [("license", "licence")]),
            ("Pick an open-source license.", [("license", "licence")]),
            ("The license's terms are short.", [("license's", "licence's")]),
            ("Compare these licenses.", [("licenses", "licences")]),
            ("We practice daily.", [("practice", "practise")]),
            ("You should practice more.", [("practice", "practise")]),
            ("It takes time to practice it.", [("practice", "practise")]),
            ("She practices daily.", [("practices", "practises")]),
            ("I practiced and kept practicing.", [("practiced", "practised"),
                                                  ("practicing", "practising")]),
            ("The rack is 2 meters tall.", [("meters", "metres")]),
            ("A 10-meter cable is enough.", [("meter", "metre")]),
            ("It is five meters away.", [("meters", "metres")]),
            ("It moves 3 kilometers.", [("kilometers", "kilometres")]),
            ("The dataset license is permissive.", [("license", "licence")]),
            ("Our license terms are short.", [("license", "licence")]),
            ("The license is MIT.", [("license", "licence")]),
            ("Record which license applies.", [("license", "licence")]),
            ("It ships under license.", [("license", "licence")]),
            ("A meter of cable is enough.", [("meter", "metre")]),
            ("It is a meter long.", [("meter", "metre")]),
            ("Heights are given in meters.", [("meters", "metres")]),
            ("I licence the code to you.", [("licence", "license")]),
            ("You can licence it freely.", [("licence", "license")]),
            ("She licences her photos.", [("licences", "licenses")]),
        ],
    )  # fmt: skip
    def test_reported_when_the_context_is_sure(
        self, prose: str, expected: list[tuple[str, str]]
    ) -> None:
        assert fixes(prose) == expected


class TestNamesKeepTheirSpelling:
    @pytest.mark.parametrize(
        "prose",
        [
            "Data from the World Health Organization was used.",
            "A report by the Center for AI Safety says so.",
            "Tables live in Unity Catalog today.",
            "The Department of Defense funded it.",
            "We call the Color API once.",
            "Gray code avoids glitches.",
            "Center for AI Safety published a statement.",
            "World Health Organization data is public.",
            "We use the Behavior class. Behavior matters less here.",
            "Sales rose. *Color Theory* is a book.",
        ],
    )
    def test_capitalised_names_are_not_reported(self, prose: str) -> None:
        assert fixes(prose) == []

    @pytest.mark.parametrize(
        ("prose", "expected"),
        [
            ("Optimize the loop.", [("Optimize", "Optimise")]),
            ("It works. Color is next.", [("Color", "Colour")]),
            ("- Modeling the data\n- Labeled sets", [("Modeling", "Modelling"),
                                                     ("Labeled", "Labelled")]),
            ("1. Analyze the logs", [("Analyze", "Analyse")]),
            ("How to Optimize Your Model", [("Optimize", "Optimise")]),
            ("## Behavior of Large Models", [("Behavior", "Behaviour")]),
            ("Then we Americanize the text.", [("Americanize", "Americanise")]),
        ],
    )  # fmt: skip
    def test_capitals_from_position_are_checked(
        self, prose: str, expected: list[tuple[str, str]]
    ) -> None:
        assert fixes(prose) == expected

    def test_a_known_name_in_a_title_line_is_kept(self) -> None:
        assert fixes("Getting Started with Unity Catalog") == []


class TestTitleCaseProseIsChecked:
    """Issue 13: real posts capitalise labels, headings, list items and terms; those are prose."""

    @pytest.mark.parametrize(
        ("prose", "expected"),
        [
            ("- **Data Labeling**: we label", [("Labeling", "Labelling")]),
            ("- **Monitor Behavior**: watch it", [("Behavior", "Behaviour")]),
            ("We used Hyperparameter Optimization here.", [("Optimization", "Optimisation")]),
            ("- KV-cache Optimization – faster", [("Optimization", "Optimisation")]),
            ("The Behavior Cloning baseline is weak.", [("Behavior", "Behaviour")]),
            ("- Reward Modeling 101 – basics", [("Modeling", "Modelling")]),
            ("| Tokenization | Fast |\n| --- | --- |", [("Tokenization", "Tokenisation")]),
            ("1. **Color Grading**", [("Color", "Colour")]),
            ("## Optimizing PyTorch Models", [("Optimizing", "Optimising")]),
            ("- **Optimizing PyTorch Models**: a guide", [("Optimizing", "Optimising")]),
            ("We used PyTorch Optimization tricks.", [("Optimization", "Optimisation")]),
            ("See the Data Organization section.", [("Organization", "Organisation")]),
            ("## Building a Data Center", [("Center", "Centre")]),
            ("Color is a theme. Behavior too.", [("Color", "Colour"), ("Behavior", "Behaviour")]),
        ],
    )  # fmt: skip
    def test_reported(self, prose: str, expected: list[tuple[str, str]]) -> None:
        assert fixes(prose) == expected

    def test_a_label_elsewhere_does_not_make_a_heading_a_name(self) -> None:
        prose = "- Reward Modeling 101 – the basics\n\n## Language Modeling Basics\n"
        assert fixes(prose) == [("Modeling", "Modelling"), ("Modeling", "Modelling")]

    @pytest.mark.parametrize(
        "prose",
        [
            "Jim Gray wrote about transactions. Gray's rules still hold.",
            "The Kennedy Center hosted it.",
            "The National Cancer Institute and the Department of Defense fund it.",
            "A statement from the Center for Humane Technology came out.",
            "We used the TensorFlow Model Optimization Toolkit for it.",
            "We used TensorRT Model Optimizer today.",
            "Subclass the Color class; Color objects are cheap.",
            "Call the Color API. Color responses are cached.",
            'The paper "Optimizing Large Models" is a good read.',
            "The paper “Optimizing Large Models” is a good read.",
            'As the authors say, "we optimized the kernel for the center tile".',
            "Read *The Color of Data* before you start.",
            'One draft asks developers to "characterize and document the behavior of models".',
            'We quote it verbatim, as in "the model favors instructions placed\nat the end".',
            "Read [Optimizing inference with vLLM](https://example.com/post) first.",
            "See [Color Theory](https://example.com) for more.",
            "A Breathalyzer reading.",
        ],
    )
    def test_names_titles_and_quotations_keep_their_spelling(self, prose: str) -> None:
        assert fixes(prose) == []

    @pytest.mark.parametrize(
        ("prose", "expected"),
        [
            ('He said "memorizes" twice.', []),  # a one-word mention
            ('The model "memorizes everything" here.', [("memorizes", "memorises")]),
            ('We page on "GPU utilization above 95%" alone.', [("utilization", "utilisation")]),
            ("Use _normalization_ and _optimize, deploy_ steps.",
             [("normalization", "normalisation"), ("optimize", "optimise")]),
            ("Read *the color guide* first.", [("color", "colour")]),
            ("[see the color notes](https://example.com)", [("color", "colour")]),
            ("[Colors](https://example.com) matter.", [("Colors", "Colours")]),
        ],
    )  # fmt: skip
    def test_emphasis_short_quotes_and_plain_link_text_are_prose(
        self, prose: str, expected: list[tuple[str, str]]
    ) -> None:
        assert fixes(prose) == expected


class TestWordsNoListHas:
    """Forms of table words that no list has: a regular ending, or a word joined on."""

    @pytest.mark.parametrize(
        ("american", "british"),
        [("colormap", "colourmap"), ("colormaps", "colourmaps"), ("colorfuler", "colourfuler"),
         ("honorablier", "honourablier"), ("somberer", "sombrer"),
         ("unlabeledder", "unlabelledder")],
    )  # fmt: skip
    def test_reported(self, american: str, british: str) -> None:
        assert fixes(f"so {american} here") == [(american, british)]

    @pytest.mark.parametrize(
        "word",
        ["colorado", "honorary", "literal", "literature", "laboratory", "grayling",
         "prelection", "enthralling", "distilling", "afterwards", "ionizer", "moldova"],
    )  # fmt: skip
    def test_dictionary_words_are_left_alone(self, word: str) -> None:
        assert fixes(f"so {word} here") == []


class TestWordsOfTheirOwn:
    @pytest.mark.parametrize(
        ("american", "british"),
        [("czar", "tsar"), ("omelets", "omelettes"), ("mom", "mum"), ("tidbit", "titbit"),
         ("balked", "baulked"), ("whiz", "whizz"), ("sheik", "sheikh"), ("ax", "axe"),
         ("carburetor", "carburettor"), ("flier", "flyer")],
    )  # fmt: skip
    def test_reported(self, american: str, british: str) -> None:
        assert fixes(f"so {american} here") == [(american, british)]

    @pytest.mark.parametrize(
        "word", ["moment", "axis", "taxes", "adapter", "adapters", "dependents", "gibe"]
    )
    def test_lookalikes_and_shared_words_are_left_alone(self, word: str) -> None:
        assert fixes(f"so {word} here") == []


class TestShapeAndCase:
    @pytest.mark.parametrize(
        ("word", "replacement"),
        [
            ("optimize", "optimise"),
            ("OPTIMIZE", "OPTIMISE"),
            ("optimizer", "optimiser"),
            ("optimizers", "optimisers"),
            ("COLOR", "COLOUR"),
            ("color's", "colour's"),
            ("color’s", "colour’s"),
            ("behaviors", "behaviours"),
        ],
    )
    def test_case_and_possessives_are_kept(self, word: str, replacement: str) -> None:
        assert fixes(f"so {word} here") == [(word, replacement)]

    @pytest.mark.parametrize(
        ("prose", "expected"),
        [
            ("We re-analyze it.", [("analyze", "analyse")]),
            ("A well-organized repo.", [("organized", "organised")]),
            ("A color-coded plot.", [("color", "colour")]),
            ("We pre‑tokenize it.", [("tokenize", "tokenise")]),
        ],
    )
    def test_hyphens_split_words_and_keep_their_shape(
        self, prose: str, expected: list[tuple[str, str]]
    ) -> None:
        assert fixes(prose) == expected

    @pytest.mark.parametrize(
        "prose",
        [
            "Call iOptimize first.",
            "Set colorMap and ColorMap.",
            "Use snake_case_optimize or optimize_model or color_map.",
            "The word2vec and color2 tokens.",
            "Call np.vectorize on it.",
            "Read config.color later.",
            "Run optimize() on it.",
            "Use the GRAY flag.",
            "Set $color or @color.",
        ],
    )
    def test_identifiers_and_short_acronyms_are_skipped(self, prose: str) -> None:
        assert fixes(prose) == []

    def test_offsets_point_at_the_word(self) -> None:
        prose = "Intro line.\n\nWe optimize colors."
        hits = ISE.find(prose)
        assert [(prose[h.start : h.end], h.start, h.end) for h in hits] == [
            ("optimize", 16, 24),
            ("colors", 25, 31),
        ]

    def test_blanked_prose_keeps_offsets(self) -> None:
        prose = "The " + " " * 12 + " color."
        (hit,) = ISE.find(prose)
        assert prose[hit.start : hit.end] == "color" and hit.start == 17

    def test_quoted_words_and_endings_are_mentions(self) -> None:
        assert fixes('Write "towards" (not "toward") and prefer -ize to -ise.') == []


class TestOxfordMode:
    @pytest.mark.parametrize(
        "word", ["optimize", "organized", "realization", "Optimize", "tokenizer", "quantize"]
    )
    def test_ize_family_is_accepted(self, word: str) -> None:
        assert fixes(f"so {word} here", OXFORD) == []

    @pytest.mark.parametrize(
        ("word", "replacement"),
        [
            ("analyze", "analyse"),
            ("color", "colour"),
            ("center", "centre"),
            ("modeling", "modelling"),
            ("catalog", "catalogue"),
            ("defense", "defence"),
            ("gray", "grey"),
            ("colorize", "colourize"),
            ("tranquilizer", "tranquillizer"),
            ("toward", "towards"),
        ],
    )
    def test_other_british_spellings_are_still_reported(self, word: str, replacement: str) -> None:
        assert fixes(f"so {word} here", OXFORD) == [(word, replacement)]

    def test_ise_mode_changes_both_parts(self) -> None:
        (hit,) = ISE.find("so colorize here")
        assert hit.replacement == "colourise"
        assert "-our" in hit.reason and "-ise" in hit.reason

    def test_unknown_mode_is_refused(self) -> None:
        with pytest.raises(ValueError, match="oxford"):
            BritishSpelling("z")


class TestAcceptedWords:
    def test_accepted_words_are_never_reported_whatever_the_case(self) -> None:
        engine = BritishSpelling(accepted_words=["Color", "TOKENIZE", "while"])
        assert fixes("The color and tokenize and COLOR. While it runs.", engine) == []

    def test_other_words_are_still_reported(self) -> None:
        engine = BritishSpelling(accepted_words=["color"])
        assert fixes("The color and the behavior.", engine) == [("behavior", "behaviour")]


class TestStyleHints:
    def codes(self, prose: str) -> list[tuple[str, str, str]]:
        return [(h.word, h.replacement, h.code) for h in ISE.find(prose)]

    @pytest.mark.parametrize(
        ("prose", "expected"),
        [
            ("It trains while we wait.", [("while", "whilst", STYLE)]),
            ("While it trains, we wait.", [("While", "Whilst", STYLE)]),
            ("It is among the best.", [("among", "amongst", STYLE)]),
            ("We learned a lot.", [("learned", "learnt", STYLE)]),
            ("I've learned a lot.", [("learned", "learnt", STYLE)]),
            ("It has learned the task.", [("learned", "learnt", STYLE)]),
            ("The name is spelled oddly.", [("spelled", "spelt", STYLE)]),
            ("The math behind it is simple.", [("math", "maths", STYLE)]),
            ("Walk toward the exit.", [("toward", "towards", SPELLING)]),
            ("It had gotten worse.", [("gotten", "got", STYLE)]),
            ("We went on vacation.", [("vacation", "holiday", STYLE)]),
            ("Two vacations a year.", [("vacations", "holidays", STYLE)]),
            ("Vacation days", [("Vacation", "Holiday", STYLE)]),
            ("The team's vacation's end.", [("vacation's", "holiday's", STYLE)]),
        ],
    )
    def test_reported(self, prose: str, expected: list[tuple[str, str, str]]) -> None:
        assert self.codes(prose) == expected

    @pytest.mark.parametrize(
        "prose",
        [
            "Wait a while.",
            "It took a while to train.",
            "Stay for a while.",
            "Once in a while it fails.",
            "All the while it ran.",
            "It is worth while.",
            "Use a while loop here.",
            "The while statement ends it.",
            "A while-loop is fine.",
            "The learned embeddings are small.",
            "Lessons learned are listed.",
            "Use the math module for this.",
            "Python's math functions help.",
            "Ill-gotten gains.",
            "Whilst it trains, amongst others, we learnt and spelt it.",
            "We went on holiday and have got better.",
        ],
    )
    def test_not_reported(self, prose: str) -> None:
        assert self.codes(prose) == []


def test_hits_carry_code_reason_and_span() -> None:
    (hit,) = ISE.find("Optimize it.")
    assert hit == SpellingHit(0, 8, "Optimize", "Optimise", SPELLING, "British spelling uses -ise")


# --- Whole paragraphs ----------------------------------------------------------------------

BRITISH_PARAGRAPHS = [
    # Written for these tests: technical prose in British English.
    """Fine-tuning a language model on a small dataset is mostly about behaviour, not
    capacity. We tokenise the corpus, normalise the whitespace and analyse the length
    distribution before training. Whilst the optimiser warms up, the learning rate rises
    linearly; after that a cosine schedule takes over. Labelled examples are precious, so we
    keep a held-out set and check it every epoch. The centre of the embedding space drifts
    during fine-tuning, which is why we monitor the mean vector too.""",
    """Quantisation trades accuracy for memory. An 8-bit model fits on a single GPU, and the
    error it introduces is usually smaller than the variance between training runs. We
    realised that calibration data matters more than the algorithm: a few hundred
    representative prompts are enough. Modelling the activation outliers separately keeps
    perplexity within a few per cent of the full-precision baseline.""",
    """Retrieval-augmented generation has three moving parts: the retriever, the reranker and
    the generator. Amongst the design choices, chunk size has the largest effect. Smaller
    chunks favour precision; larger ones keep more context. We catalogue each experiment in a
    spreadsheet, travelling light on tooling, and cancelled the runs whose recall fell below
    the baseline. The programme for the workshop lists the talks; the program itself is a
    short Python script released under an open licence.""",
    """Attention cost grows quadratically with sequence length. Sliding-window attention keeps
    each token's neighbourhood small, and a few global tokens carry information across the
    whole sequence. The maths is simple: for a window of size w, each query compares against
    w keys. In practice the speed-up depends on the kernel, the tensor layout and the memory
    bandwidth of the accelerator. It is worth a while to measure before you optimise.""",
    """Gray code is a neat trick, and the World Health Organization publishes open data. The
    Center for AI Safety released a statement; Unity Catalog stores the tables. A major
    vendor shipped a new monitor and a faster processor. The doctor's letter mentioned a
    factor of two. We practise deployment drills every quarter and have learnt to keep the
    runbook short.""",
]


@pytest.mark.parametrize("paragraph", BRITISH_PARAGRAPHS)
def test_british_paragraphs_have_no_hits(paragraph: str) -> None:
    assert ISE.find(paragraph) == []


def test_british_paragraphs_have_no_hits_in_oxford_mode_either() -> None:
    for paragraph in BRITISH_PARAGRAPHS:
        assert OXFORD.find(paragraph) == []


AMERICAN_PARAGRAPH = """Fine-tuning changes the model's behavior quickly. We tokenize the
corpus, normalize the whitespace and analyze the length distribution. While the optimizer
warms up, we monitor the center of the embedding space. Labeled examples were canceled when
the labeling tool failed, and we learned that modeling the outliers matters. The gray plots
show the color of each cluster. We walked toward a simpler catalog of experiments."""


def test_american_paragraph_has_the_expected_hits() -> None:
    assert [(h.word, h.replacement, h.code) for h in ISE.find(AMERICAN_PARAGRAPH)] == [
        ("behavior", "behaviour", SPELLING),
        ("tokenize", "tokenise", SPELLING),
        ("normalize", "normalise", SPELLING),
        ("analyze", "analyse", SPELLING),
        ("While", "Whilst", STYLE),
        ("optimizer", "optimiser", SPELLING),
        ("center", "centre", SPELLING),
        ("Labeled", "Labelled", SPELLING),
        ("canceled", "cancelled", SPELLING),
        ("labeling", "labelling", SPELLING),
        ("learned", "learnt", STYLE),
        ("modeling", "modelling", SPELLING),
        ("gray", "grey", SPELLING),
        ("color", "colour", SPELLING),
        ("toward", "towards", SPELLING),
        ("catalog", "catalogue", SPELLING),
    ]


def test_american_paragraph_in_oxford_mode_keeps_ize() -> None:
    words = [h.word for h in OXFORD.find(AMERICAN_PARAGRAPH)]
    assert "tokenize" not in words and "optimizer" not in words and "normalize" not in words
    assert "analyze" in words and "behavior" in words and "center" in words
