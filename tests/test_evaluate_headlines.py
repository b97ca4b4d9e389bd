"""verifier.evaluate.headlines: a real-headlines CSV with its price files and hand labels."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.evaluate_helpers import CORPUS
from verifier.errors import InputError
from verifier.evaluate import evaluate_corpus, is_headlines_csv, load_headline_labels, load_headlines, parse_benzinga_headline
from verifier.market.snapshot import SnapshotProvider


# --------------------------------------------------------------------------- headlines


def test_benzinga_headlines_give_firm_rating_and_target():
    assert parse_benzinga_headline("Citigroup Maintains Buy on Agilent Technologies, Inc., Raises PT to $53.00") == {
        "firm": "Citigroup", "price_target": 53.0, "rating": "Buy"}
    assert parse_benzinga_headline("Morgan Stanley Initiates Coverage on Agilent Technologies, Inc. at Equalweight, Announces $62.00 PT") == {
        "firm": "Morgan Stanley", "price_target": 62.0, "rating": "Equalweight"}
    assert parse_benzinga_headline("Hearing Evercore ISI Raises Price Target On Apple From $330 To $345") == {
        "firm": "Evercore ISI", "price_target": 345.0, "previous_price_target": 330.0}
    assert parse_benzinga_headline("Wells Fargo Upgrades Agilent Technologies to Outperform") == {
        "firm": "Wells Fargo", "rating": "Outperform"}
    assert parse_benzinga_headline("Advance Auto Parts Spikes Higher") is None


def _headlines(tmp_path: Path) -> Path:
    prices = tmp_path / "prices"
    prices.mkdir()
    (prices / "AAP.csv").write_text(
        "date,open,high,low,close,volume,Name\n"
        "2016-11-14,140.0,143.5,139.0,142.90,100,AAP\n"
        "2016-11-15,160.0,165.0,158.0,163.20,100,AAP\n",
        encoding="utf-8",
    )
    heads = tmp_path / "headlines"
    heads.mkdir()
    path = heads / "h.csv"
    path.write_text(
        "id,ticker,published,headline,price_file\n"
        'H1,AAP,2016-11-15 10:20:00-05:00,"Goldman Sachs Upgrades Advance Auto Parts to Buy, Raises PT to $181.00",../prices/AAP.csv\n'
        "H2,AAP,2016-11-15 11:00:00-05:00,Advance Auto Parts Spikes to High of $164.80 on Volume,../prices/AAP.csv\n"
        'H3,AAP,2016-11-15 12:00:00-05:00,"UPDATE: Citigroup Raises PT on Advance Auto Parts as Overhang Remains",../prices/AAP.csv\n'
        'H4,AAP,2016-11-15 12:30:00-05:00,"Apple shares are trading higher after Wells Fargo upgraded the stock",../prices/AAP.csv\n',
        encoding="utf-8",
    )
    return path


def test_headlines_csv_is_detected_and_labelled_from_the_headline_and_price_file(tmp_path):
    path = _headlines(tmp_path)
    assert is_headlines_csv(path) and not is_headlines_csv(CORPUS / "c01.txt")
    cases = load_headlines(path)
    assert [c.id for c in cases] == ["H1", "H2", "H3", "H4"]
    # another wording of an analyst action: the truth is unknown, so analyst claims are not scored there
    assert cases[3].claims == [] and "analyst_rating" not in cases[3].labelled_kinds
    assert cases[0].claims[0].values == {"firm": "Goldman Sachs", "price_target": 181.0, "rating": "Buy"}
    assert cases[0].claims[0].verdict is None  # the headline is the only source: extraction only
    assert cases[1].claims[0].values == {"price": 164.8} and cases[1].claims[0].verdict == "supported"
    # an analyst action without target or rating still names the firm
    assert cases[2].claims[0].values == {"firm": "Citigroup"}
    assert cases[0].pass_published and cases[0].market is not None
    # the price file is one in-memory snapshot, imported once for every row that names it
    assert isinstance(cases[0].market, SnapshotProvider) and all(c.market is cases[0].market for c in cases)
    assert cases[0].market.describe() == "snapshot:AAP.csv (price file)"


def test_hand_labels_for_headlines_add_kinds_and_claims(tmp_path):
    path = _headlines(tmp_path)
    labels = tmp_path / "h.labels.json"
    labels.write_text(json.dumps({"kinds": ["price_change"], "rows": {
        "H2": [{"kind": "price_change", "values": {"percent": 2.5}}, {"kind": "deal", "values": {"amount": 1e9}, "optional": True}]}}))
    cases = load_headlines(path, labels=load_headline_labels(labels))
    assert "price_change" in cases[0].labelled_kinds  # every row was read for the labelled kinds
    extra = [c for c in cases[1].claims if c.kind != "stock_price"]
    assert [(c.kind, c.values, c.optional) for c in extra] == [("price_change", {"percent": 2.5}, False), ("deal", {"amount": 1e9}, True)]
    labels.write_text(json.dumps({"kinds": ["gossip"], "rows": {}}))
    with pytest.raises(InputError, match="needs \"kinds\""):
        load_headline_labels(labels)
    with pytest.raises(InputError, match="for a headlines CSV"):
        evaluate_corpus(CORPUS, "rules", headline_labels=labels)


def test_the_bundled_headline_labels_are_valid():
    data = load_headline_labels(CORPUS / "headlines" / "analyst_headlines.labels.json")
    assert all(row.startswith("H") for row in data["rows"])
    assert sum(len(v) for v in data["rows"].values()) >= 30
