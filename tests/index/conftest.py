"""Fixtures: a small self-written news collection with planted rewrites (no text comes from any corpus),
written as JSONL, and an index built from it once per session."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from unspun.index import Index
from unspun.stages.ingest import iter_records

ARTICLES = {
    "port-storm": ("Storm closes Valmora port", "2024-03-05",
                   "A powerful storm forced the harbour authority to close the port of Valmora on Tuesday, stranding "
                   "40 cargo ships offshore. Officials said gusts reached 120 km/h overnight and that the port would "
                   "reopen on Thursday if conditions eased. Fishermen's associations estimated the closure would cost "
                   "their members about 2 million euros in lost catches. The national weather service has issued an "
                   "amber warning for the whole northern coast until Wednesday evening. Ferry services to the islands "
                   "were also suspended, leaving hundreds of passengers waiting in terminals."),
    "council-budget": ("Lindham passes budget", "2024-02-12",
                       "Lindham city council approved a budget of 84 million pounds on Monday after a four-hour "
                       "debate. The plan raises council tax by 3.5% and cuts funding for two of the city's five "
                       "libraries. Council leader Mary Okafor said the savings were painful but unavoidable given "
                       "rising social care costs. Opposition councillors warned that closing libraries would hurt "
                       "children and elderly residents the most. The budget also includes 6 million pounds to repair "
                       "roads damaged during last winter."),
    "flood-norberg": ("Norberg flooded", "2024-04-07",
                      "The river Aske burst its banks on Sunday, flooding the centre of Norberg after three days of "
                      "heavy rain. About 300 residents were evacuated from their homes, and the town's school was "
                      "turned into an emergency shelter. Firefighters used boats to rescue an elderly couple trapped "
                      "on the upper floor of their house. The mayor said the water level had begun to fall but warned "
                      "that more rain was forecast for Tuesday. Insurers expect claims to exceed 15 million crowns."),
    "election-tarsk": ("Voss re-elected in Tarsk", "2024-04-08",
                       "Voters in Tarsk re-elected President Ilan Voss with 61% of the vote, according to preliminary "
                       "results published on Monday. Turnout was 54%, the lowest since the country's independence. "
                       "International observers said the vote was orderly but criticised the lack of real "
                       "competition. Voss's main rival, former finance minister Petra Halm, received 23% and refused "
                       "to concede. Protests were reported in the capital, where police detained at least 40 people."),
    "football-transfer": ("Rovers sign Berg", "2024-01-30",
                          "Rovers have signed striker Tomas Berg from Northfield for a club-record fee of 12 million "
                          "pounds. The 24-year-old scored 19 league goals last season and has agreed a four-year "
                          "contract. Manager Alan Price said Berg would add pace and finishing to a side that "
                          "struggled to score in recent months. Northfield said they had accepted the offer "
                          "reluctantly after the player asked to leave. Berg could make his debut against City on "
                          "Saturday."),
    "tech-chip": ("Veltrix revenue jumps", "2024-05-02",
                  "Chipmaker Veltrix reported a 28% rise in quarterly revenue to 4.2 billion dollars, driven by "
                  "demand for data-centre processors. Profit rose to 910 million dollars, beating analysts' "
                  "forecasts. The company said it would spend 6 billion dollars on a new factory in Arizona over the "
                  "next three years. Shares rose 7% in after-hours trading. Chief executive Dana Whitfield warned, "
                  "however, that supply of some components would remain tight until next spring."),
    "health-clinic": ("Eastbridge clinic opens", "2024-03-22",
                      "A new walk-in clinic opened in Eastbridge on Friday, promising to cut waiting times for minor "
                      "injuries. The clinic will be open from 8am to 10pm every day and is staffed by nurses and two "
                      "doctors. Health officials said the town's hospital emergency department had seen a 20% rise in "
                      "visits over the past year. Local residents had campaigned for the clinic for almost a decade. "
                      "The project cost 3.4 million pounds, paid for by the regional health board."),
    "science-comet": ("Comet to pass Earth", "2024-05-20",
                      "Astronomers have discovered a comet that will pass close enough to Earth next March to be seen "
                      "without a telescope. The comet was first spotted by an observatory in Chile in early May. "
                      "Researchers estimate that its nucleus is about 5 kilometres wide. It will come within 40 "
                      "million kilometres of Earth, well beyond any risk of collision. Amateur astronomers are advised "
                      "to look low in the western sky after sunset."),
}

PARAPHRASE_OF_PORT = (
    "Around 40 cargo vessels were left stranded off the coast of Valmora after harbour chiefs shut the port on "
    "Tuesday as a fierce storm hit. Wind gusts of up to 120 km/h were recorded during the night, officials said, "
    "adding that the port could reopen on Thursday should the weather improve. According to fishing associations, "
    "their members stand to lose roughly 2 million euros in catches because of the shutdown. Boats to the islands "
    "have been halted too, and hundreds of travellers are stuck at ferry terminals.")

NEAR_COPY_OF_BUDGET = (
    "Lindham city council approved a budget of 84 million pounds on Monday following a four-hour debate. The plan "
    "raises council tax by 3.5% and cuts funding for two of the city's five public libraries. Council leader Mary "
    "Okafor said the savings were painful but unavoidable because of rising social care costs. Opposition "
    "councillors warned that closing libraries would hurt children and elderly residents most. The budget also "
    "includes 6 million pounds to repair roads damaged last winter.")

FLOOD_PART = (
    "Three days of heavy rain caused the river Aske to overflow on Sunday, and the centre of Norberg was flooded. "
    "Some 300 people had to leave their homes, with the local school serving as an emergency shelter. Firefighters "
    "in boats rescued an elderly couple stuck upstairs in their house.")
ELECTION_PART = (
    "Preliminary results released on Monday show that President Ilan Voss was re-elected in Tarsk with 61% of the "
    "vote. At 54%, turnout was the lowest since the country's independence, and international observers criticised "
    "the absence of real competition.")
COMPOSITE = FLOOD_PART + "\n" + ELECTION_PART

UNRELATED = ("The city zoo welcomed two red panda cubs this spring, the first born there in a decade. Keepers said "
             "the cubs were healthy and would be shown to visitors from June, once they are used to their "
             "enclosure.")
def write_collection(path: Path) -> Path:
    """Write the collection as JSONL (id, title, date, url, text) and return its path."""
    with path.open("w", encoding="utf-8") as stream:
        for doc_id, (title, date, text) in ARTICLES.items():
            row = {"id": doc_id, "title": title, "date": date, "url": f"https://www.example-news.com/{doc_id}",
                   "text": text}
            stream.write(json.dumps(row) + "\n")
    return path


@pytest.fixture(scope="session")
def collection_file(tmp_path_factory) -> Path:
    return write_collection(tmp_path_factory.mktemp("collection") / "news.jsonl")


@pytest.fixture(scope="session")
def built_index(tmp_path_factory, collection_file) -> Path:
    """Path of an index holding the collection (built once; tests open their own handle)."""
    path = tmp_path_factory.mktemp("indexes") / "news.idx"
    with Index.open(path) as index:
        index.add(iter_records([collection_file]), batch_size=3)
    return path


@pytest.fixture()
def outdated_index(built_index, tmp_path) -> Path:
    """A copy of the built index as one built before analysis versions were recorded."""
    copy = tmp_path / "old.idx"
    shutil.copytree(built_index, copy)
    db = sqlite3.connect(copy / "index.sqlite")
    with db:
        db.execute("DELETE FROM meta WHERE key = 'analysis'")
    db.close()
    return copy


@pytest.fixture()
def index(built_index):
    with Index.open(built_index, create=False) as opened:
        yield opened


@pytest.fixture(scope="session")
def planted() -> dict[str, str]:
    """The planted suspects: a paraphrase, a near copy, a two-source composite and an unrelated text."""
    return {"paraphrase": PARAPHRASE_OF_PORT, "near_copy": NEAR_COPY_OF_BUDGET, "composite": COMPOSITE,
            "flood_part": FLOOD_PART, "unrelated": UNRELATED}
