"""The starter deck written by `friendship-pass new-deck NAME`: two linked, cited cards that validate."""

from __future__ import annotations

import os
import re
from collections.abc import Collection
from pathlib import Path

from game.errors import FriendshipPassError

MAX_NAME = 40  # card ids add a suffix to the deck name and ids stop at 64 characters
_ID = re.compile(r"^[a-z][a-z0-9_]*$")

TEMPLATE = """\
# yaml-language-server: $schema={schema}
# A Friendship Pass deck. Check it with:  friendship-pass validate --deck {file}
# Play it with:                           friendship-pass play --deck {file}
# The author guide (docs/authoring.md) explains every field.
deck: {name}
title: {title}
description: >
  What this deck is about, in a sentence or two.
weight: 1                          # how often this deck's cards come up; may be an expression

events:
  # A card drawn at random once its `when` holds.
  - id: {name}_renewal_queue
    title: Renewal day empties the sugar mill
    actor: Manager of a sugar mill in the border zone
    voice: employer                # whose voice: one of the scenario's voices (validate --stats counts them)
    text: >
      It is renewal day again. Half of the mill's Vietnamese cutters are queueing at the
      Friendship Pass for their monthly permits, and the cane is drying in the fields.
      The manager wants you to do something, today.
    when: "turn >= 2 and employer_goodwill < 70"    # omit `when` to make it always eligible
    weight: 2
    once: true                     # drawn at most once per game
    source: {{id: speelman2022, where: "§1", quote: "These migrants alleviate the labor shortage in the area’s large sugar cane processing sector and in manufacturing plants."}}
    choices:
      - label: Send two extra clerks to the Pass on renewal days
        outcome: The queue moves faster. The clerks' own office falls behind.
        effects: {{employer_goodwill: +4, worker_welfare: +2, development: -1}}
        set: [{name}_clerks_sent]                # a flag other cards can read
        follow_ups: [{{event: {name}_clerks_report, after: 2}}]   # that card arrives 2 months later
      - label: Tell the mill to plan around renewal day
        outcome: The manager hangs up. Some of the cane rots.
        effects: {{employer_goodwill: -4, development: -2, central_confidence: +2}}   # every choice costs something

  # A follow-up: weight 0 means it only arrives through the follow-up above.
  - id: {name}_clerks_report
    title: The clerks come back from the Pass
    actor: Your deputy at the renewal office
    voice: bureau
    text: >
      Two months on, the extra clerks report: renewal day now takes a morning, not a day.
      The Public Security Bureau asks who authorised staff at its checkpoint.
    weight: 0
    once: true
    source: {{id: speelman2022, where: "§6a", quote: "national public security authorities refused to issue the half-year work permits that the 2017 plan had announced"}}
    choices:
      - label: Make the arrangement permanent
        when: "{name}_clerks_sent and central_confidence >= 40"
        locked: Beijing's trust is too low for you to expand on your own.
        effects: {{worker_welfare: +3, central_confidence: -2}}
        policy: {{renewal_office: expanded}}     # switches a standing policy
      - label: Hand the checkpoint back to the police
        effects: {{security: +2, employer_goodwill: -2}}
        clear: [{name}_clerks_sent]
"""


def check_name(name: str) -> None:
    """Refuse names that would not make a valid deck id."""
    if not _ID.match(name):
        raise FriendshipPassError(f"'{name}' is not a valid deck name; use lower-case letters, digits and _ "
                                  "and start with a letter, e.g. border_clinic")
    if len(name) > MAX_NAME:
        raise FriendshipPassError(f"'{name}' is {len(name)} characters; keep deck names to {MAX_NAME}")


def schema_ref(schema: Path, folder: Path) -> str:
    """The schema path as the modeline should name it: relative to the deck's folder when possible."""
    try:
        return Path(os.path.relpath(schema.resolve(), folder.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return schema.resolve().as_uri()


def starter_text(name: str, schema: Path, folder: Path) -> str:
    """The starter deck for `name`, with a modeline that points at `schema` from `folder`."""
    check_name(name)
    title = name.replace("_", " ").capitalize()
    return TEMPLATE.format(name=name, title=title, schema=schema_ref(schema, folder), file=f"{name}.yaml")


def write_starter(name: str, folder: Path, schema: Path, taken: Collection[str] = ()) -> Path:
    """Write NAME.yaml into `folder`; never overwrite; refuse names already used by a loaded deck."""
    check_name(name)
    if name in taken:
        raise FriendshipPassError(f"a deck called '{name}' already exists in the content; pick another name")
    path = folder / f"{name}.yaml"
    if path.exists():
        raise FriendshipPassError(f"{path} already exists; nothing was written (pick another name or --out)")
    folder.mkdir(parents=True, exist_ok=True)
    content = starter_text(name, schema, folder)
    try:
        with open(path, "x", encoding="utf-8") as handle:
            handle.write(content)
    except OSError as exc:
        raise FriendshipPassError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path
