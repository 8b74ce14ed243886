"""Standing policies: current settings, monthly effects, locked options with reasons; the engine
decides whether a change is allowed and its RulesError text is shown as it is."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from game.engine.game import Game
from game.engine.views import PolicyOptionView, PolicyView
from game.errors import RulesError
from game.present import signed
from game.ui.widgets.text import heading, line, lines, muted, plain

if TYPE_CHECKING:
    from game.ui.app import FriendshipPassApp


def effect_text(game: Game, target: str, expr: str) -> str:
    try:
        return f"{game.name_of(target)} {signed(int(expr))}"
    except ValueError:
        return f"{game.name_of(target)} {expr}"


def option_prompt(game: Game, policy: PolicyView, opt: PolicyOptionView) -> Content:
    mark = "● " if opt.id == policy.current else "○ "
    rows = [line((mark, "bold"), (opt.label, "bold"), " (current)" if opt.id == policy.current else "")]
    if not opt.available:
        rows.append(line("   ", ("✗ locked: ", "bold"), plain(opt.reason)))
    if opt.description:
        rows.append(line("   ", plain(opt.description)))
    effects = ", ".join(effect_text(game, t, e) for t, e in opt.monthly)
    rows.append(line("   ", muted(f"Each month: {effects}" if effects else "No monthly effect")))
    return lines(rows)


class PoliciesScreen(Screen[None]):
    app: FriendshipPassApp  # type: ignore[assignment]

    BINDINGS = [Binding("escape", "back", "Back"), Binding("right", "options", "Options", show=False),
                Binding("left", "policies", "Policies", show=False)]

    @property
    def game(self) -> Game:
        assert self.app.game is not None
        return self.app.game

    def compose(self) -> ComposeResult:
        yield Static(self._title(), id="policies-title", markup=False)
        with Horizontal(id="policies-body"):
            yield OptionList(*self._policy_options(), id="policy-list")
            with Vertical(id="policy-detail"):
                yield Static("", id="policy-about", markup=False)
                yield OptionList(id="option-list")
        yield Static("", id="policy-status", markup=False)
        yield Footer()

    def _title(self) -> Content:
        left = self.game.policy_changes_left
        return line(heading("Standing policies"), muted(f"  ·  {left} change{'s' if left != 1 else ''} left "
                                                        f"this month  ·  Enter applies · Esc back"))

    def _policy_options(self) -> list[Option]:
        out = []
        for p in self.game.policies():
            current = next((o.label for o in p.options if o.id == p.current), p.current)
            out.append(Option(lines([Content.styled(p.name, "bold"), muted(f"  {current}")]), id=p.id))
        return out

    def on_mount(self) -> None:
        policies = self.query_one("#policy-list", OptionList)
        if policies.option_count:
            policies.highlighted = 0
            self._show(0)
        else:
            self.query_one("#policy-status", Static).update(muted("This scenario has no standing policies."))
        policies.focus()

    def _show(self, index: int) -> None:
        policy = self.game.policies()[index]
        self.query_one("#policy-about", Static).update(
            lines([Content.styled(policy.name, "bold"), plain(policy.description)]))
        options = self.query_one("#option-list", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        options.add_options(Option(option_prompt(self.game, policy, o), id=o.id, disabled=not o.available)
                            for o in policy.options)
        current = next((i for i, o in enumerate(policy.options) if o.id == policy.current), 0)
        options.highlighted = highlighted if highlighted is not None and options.has_focus else current

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "policy-list":
            self._show(event.option_index)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "policy-list":
            self.action_options()
            return
        policies = self.query_one("#policy-list", OptionList)
        policy = self.game.policies()[policies.highlighted or 0]
        status = self.query_one("#policy-status", Static)
        try:
            self.app.set_policy(policy.id, event.option.id or "")
        except RulesError as exc:
            status.update(Content.styled(f"✗ Not possible: {exc}", "bold $error"))
            return
        label = next(o.label for o in self.game.policies()[policies.highlighted or 0].options
                     if o.id == event.option.id)
        status.update(line(("✓ ", "bold"), f"{policy.name}: {label}"))
        self.query_one("#policies-title", Static).update(self._title())
        index = policies.highlighted or 0
        policies.clear_options()
        policies.add_options(self._policy_options())
        policies.highlighted = index
        self._show(index)

    def action_options(self) -> None:
        options = self.query_one("#option-list", OptionList)
        if options.option_count:
            options.focus()

    def action_policies(self) -> None:
        self.query_one("#policy-list", OptionList).focus()

    def action_back(self) -> None:
        if self.query_one("#option-list", OptionList).has_focus:
            self.action_policies()
        else:
            self.app.pop_screen()
