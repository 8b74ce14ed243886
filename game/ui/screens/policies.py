"""Standing policies: current settings, monthly effects, locked options with reasons. The engine
decides whether a change is allowed; its answer is shown in the status line as it is."""

from __future__ import annotations

from typing import ClassVar, Protocol

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.i18n import _, ngettext
from game.ui.messages import Do
from game.ui.model import ChangePolicy, PolicyChoice, PolicyRow, PolicySheet
from game.ui.screens.base import KeyedScreen
from game.ui.widgets.keys import KeyFooter
from game.ui.widgets.text import heading, line, lines, muted, plain, styled


class Sheets(Protocol):
    def policy_sheet(self) -> PolicySheet: ...


def option_prompt(opt: PolicyChoice) -> Content:
    from game.present import aside, engine_word

    rows = [line(("● " if opt.current else "○ ", "bold"), (opt.label, "bold"),
                 aside(_("in force")) if opt.current else "")]
    if not opt.available:
        rows.append(line("   ", ("✗ " + _("locked: "), "bold"), plain(engine_word(opt.reason))))
    if opt.description:
        rows.append(line("   ", plain(opt.description)))
    rows.append(line("   ", muted(_("Each month: {effects}").format(effects=opt.effects) if opt.effects
                                 else _("No monthly effect"))))
    return lines(rows)


class PoliciesScreen(KeyedScreen):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "back", "Back"),
                                             Binding("right", "options", "Options", show=False),
                                             Binding("left", "policies", "Policies", show=False)]

    def __init__(self, source: Sheets) -> None:
        super().__init__()
        self.source = source
        self.sheet = source.policy_sheet()

    def compose(self) -> ComposeResult:
        yield Static(self._title(), id="policies-title", markup=False)
        with Horizontal(id="policies-body"):
            yield OptionList(*self._policy_options(), id="policy-list")
            with Vertical(id="policy-detail"):
                yield Static("", id="policy-about", markup=False)
                yield OptionList(id="option-list")
        yield Static("", id="policy-status", markup=False)
        yield KeyFooter((("↑↓", _("pick")), ("→ Enter", _("options")), ("Enter", _("apply")), ("←", _("policies")),
                         ("Esc", _("back"))))

    def _title(self) -> Content:
        left = self.sheet.changes_left
        changes = "  ·  " + ngettext("{n} change left this month", "{n} changes left this month", left).format(n=left)
        return line(heading(_("Standing policies")), muted(changes))

    def _policy_options(self) -> list[Option]:
        return [Option(lines([styled(p.name, "bold"), muted(f"  {p.current}")]), id=p.id) for p in self.sheet.policies]

    def on_mount(self) -> None:
        policies = self.query_one("#policy-list", OptionList)
        if policies.option_count:
            policies.highlighted = 0
            self._show(0)
        else:
            self.query_one("#policy-status", Static).update(muted(_("This scenario has no standing policies.")))
        policies.focus()

    def _policy(self) -> PolicyRow:
        return self.sheet.policies[self.query_one("#policy-list", OptionList).highlighted or 0]

    def _show(self, index: int) -> None:
        policy = self.sheet.policies[index]
        self.query_one("#policy-about", Static).update(lines([styled(policy.name, "bold"), plain(policy.description)]))
        options = self.query_one("#option-list", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        options.add_options(Option(option_prompt(o), id=o.id, disabled=not o.available) for o in policy.options)
        current = next((i for i, o in enumerate(policy.options) if o.current), 0)
        options.highlighted = highlighted if highlighted is not None and options.has_focus else current

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "policy-list":
            self._show(event.option_index)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id == "policy-list":
            self.action_options()
            return
        self.post_message(Do(ChangePolicy(self._policy().id, event.option.id or "")))

    def refresh_from(self, source: Sheets) -> None:
        """After a change (or a refusal): the new settings and the engine's answer."""
        before = self._policy()
        self.sheet = source.policy_sheet()
        status = self.query_one("#policy-status", Static)
        if self.sheet.status:
            status.update(styled(f"✗ {self.sheet.status}", "bold $error"))
        else:
            after = next(p for p in self.sheet.policies if p.id == before.id)
            status.update(line(("✓ ", "bold"), _("{policy}: {option}").format(policy=after.name, option=after.current)))
        self.query_one("#policies-title", Static).update(self._title())
        policies = self.query_one("#policy-list", OptionList)
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
        """Esc closes the policies wherever the focus is (← goes back from the options to the policies)."""
        if self.app.screen is self:
            self.app.pop_screen()
