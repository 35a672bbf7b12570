"""YAML scalars that read back as the same string."""

from __future__ import annotations

import pytest
import yaml

from blog_lsp.drafting.yaml_text import yaml_scalar


@pytest.mark.parametrize("value", ["a: b", "x\ny", "tab\there", " lead", "trail ", "", "’curly’"])
def test_yaml_scalar_round_trips(value: str) -> None:
    assert yaml.safe_load(f"k: {yaml_scalar(value)}") == {"k": value}


def test_yaml_scalar_is_plain_when_safe() -> None:
    assert yaml_scalar("Fine-tuning LLMs with LoRA") == "Fine-tuning LLMs with LoRA"
    assert yaml_scalar("Fast, cheap, good") == "Fast, cheap, good"
    assert yaml_scalar("Fast, cheap", flow=True) == "'Fast, cheap'"
