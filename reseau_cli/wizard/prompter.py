"""Asking one thing at a time: the only module that talks to questionary.

The wizard sees a :class:`Prompter`; tests give it a scripted fake. :class:`QuestionaryPrompter`
is the real one. questionary's English built-ins ("(Y/n)", "(Use arrow keys)", "done (2
selections)", "Cancelled by user") are replaced by passing our own texts, never by patching
questionary: the yes/no and checkbox prompts are built here from questionary's own parts
(``Question``, ``InquirerControl``, its layout and style) with our words, and ``unsafe_ask``
lets Ctrl-C reach the wizard (which prints how to resume).

Every method raises ``KeyboardInterrupt`` on Ctrl-C and ``EOFError`` when input ends. In lists
and yes/no prompts "<" returns :attr:`Signal.BACK` and "?" :attr:`Signal.HELP` (in text prompts
they come back as typed text, read by ``wizard.answers``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from reseau_cli import i18n
from reseau_cli.prompts import BACK_KEY, HELP_KEY, Check, Choices, Prompter, Signal

__all__ = ["Check", "Choices", "Prompter", "QuestionaryPrompter"]


class QuestionaryPrompter:
    """Prompts in a real terminal, in the user's language.

    ``input`` and ``output`` (prompt_toolkit objects) are for in-process tests with a pipe.
    """

    def __init__(self, lang: str, *, input: Any = None, output: Any = None) -> None:
        self.lang = lang
        self._io: dict[str, Any] = {}
        if input is not None:
            self._io["input"] = input
        if output is not None:
            self._io["output"] = output

    def _t(self, key: str, **params: Any) -> str:
        return i18n.t(key, self.lang, **params)

    def text(self, message: str, *, qmark: str, default: str = "",
             instruction: str | None = None, check: Check | None = None) -> str:
        """Free text (one line; Enter finishes)."""
        import questionary

        def validate(text: str) -> bool | str:
            problem = check(text) if check else None
            return True if problem is None else problem

        question = questionary.text(message, default=default, qmark=qmark,
                                    instruction=instruction, validate=validate, **self._io)
        return str(question.unsafe_ask())

    def select(self, message: str, choices: Choices, *, qmark: str,
               default: str | None = None) -> str:
        """One value among ``choices`` (or a :class:`Signal` value)."""
        question = self._list_question(message, choices, qmark=qmark, multi=False,
                                       default=[default] if default else [], ordered=False)
        return str(question.unsafe_ask())

    def checkbox(self, message: str, choices: Choices, *, qmark: str,
                 default: Sequence[str] = (), ordered: bool = False) -> list[str] | Signal:
        """Any number of values among ``choices``; in the order ticked when ``ordered``."""
        question = self._list_question(message, choices, qmark=qmark, multi=True,
                                       default=default, ordered=ordered)
        answer = question.unsafe_ask()
        return answer if isinstance(answer, Signal) else [str(value) for value in answer]

    def _list_question(self, message: str, choices: Choices, *, qmark: str, multi: bool,
                       default: Sequence[str], ordered: bool) -> Any:
        # questionary's select and checkbox echo English ("done (2 selections)") and take no
        # extra keys: same widget (InquirerControl), our words and our keys.
        import questionary
        from prompt_toolkit.application import Application
        from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
        from prompt_toolkit.keys import Keys
        from questionary.prompts.common import InquirerControl, create_inquirer_layout
        from questionary.question import Question
        from questionary.styles import merge_styles_default

        values = [value for value, _ in choices]
        items = [questionary.Choice(title=label, value=value,
                                    checked=multi and value in default)
                 for value, label in choices]
        start = default[0] if not multi and default and default[0] in values else None
        control = InquirerControl(items, start, pointer="»", initial_choice=start,
                                  use_indicator=multi)
        if multi:  # ticked order, kept when the order matters
            control.selected_options = [v for v in default if v in values]
        hint = self._t("wizard.checkbox_ordered_hint" if ordered else "wizard.checkbox_hint"
                       ) if multi else self._t("wizard.select_hint")
        labels = dict(choices)

        def tokens() -> list[tuple[str, str]]:
            parts = [("class:qmark", qmark), ("class:question", f" {message} ")]
            picked = [labels[v] for v in control.selected_options if v in labels]
            if ordered and picked and not control.is_answered:
                shown = " ".join(f"{i}. {label}" for i, label in enumerate(picked, start=1))
                parts.append(("class:answer", f"{shown}  "))
            if not control.is_answered:
                parts.append(("class:instruction", hint))
            elif multi:
                parts.append(("class:answer", ", ".join(picked) or self._t("wizard.checkbox_none")))
            else:
                parts.append(("class:answer", labels.get(str(control.get_pointed_at().value), "")))
            return parts

        bindings = KeyBindings()

        @bindings.add(Keys.ControlQ, eager=True)
        @bindings.add(Keys.ControlC, eager=True)
        def _abort(event: KeyPressEvent) -> None:
            event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

        def signal(which: Signal) -> Callable[[KeyPressEvent], None]:
            def handler(event: KeyPressEvent) -> None:
                control.is_answered = True
                event.app.exit(result=which if multi else which.value)

            return handler

        bindings.add(BACK_KEY, eager=True)(signal(Signal.BACK))
        bindings.add(HELP_KEY, eager=True)(signal(Signal.HELP))

        if multi:
            @bindings.add(" ", eager=True)
            def _toggle(event: KeyPressEvent) -> None:
                value = control.get_pointed_at().value
                if value in control.selected_options:
                    control.selected_options.remove(value)
                else:
                    control.selected_options.append(value)

            @bindings.add("i", eager=True)
            def _invert(event: KeyPressEvent) -> None:
                control.selected_options = [c.value for c in control.choices
                                            if c.value not in control.selected_options]

            @bindings.add("a", eager=True)
            def _all(event: KeyPressEvent) -> None:
                everything = all(v in control.selected_options for v in values)
                control.selected_options = [] if everything else list(values)

        def down(event: KeyPressEvent) -> None:
            control.select_next()

        def up(event: KeyPressEvent) -> None:
            control.select_previous()

        for key in (Keys.Down, "j", Keys.ControlN):
            bindings.add(key, eager=True)(down)
        for key in (Keys.Up, "k", Keys.ControlP):
            bindings.add(key, eager=True)(up)

        @bindings.add(Keys.ControlM, eager=True)
        def _enter(event: KeyPressEvent) -> None:
            control.is_answered = True
            if not multi:
                event.app.exit(result=control.get_pointed_at().value)
            elif ordered:
                event.app.exit(result=list(control.selected_options))
            else:
                event.app.exit(result=sorted(control.selected_options, key=values.index))

        @bindings.add(Keys.Any)
        def _other(event: KeyPressEvent) -> None:
            """Other keys do nothing."""

        layout = create_inquirer_layout(control, tokens, **self._io)
        application: Application[Any] = Application(
            layout=layout, key_bindings=bindings, style=merge_styles_default([None]),
            **self._io)
        return Question(application)

    def confirm(self, message: str, *, qmark: str, default: bool | None,
                unsure: bool = False) -> bool | Signal:
        """Yes or no, with the letters of the user's language (o/n or y/n).

        With ``unsure``, a third letter means "I don't know yet" (:attr:`Signal.UNSURE`), "<"
        goes back and "?" asks for help. Without a default, Enter alone leaves it unanswered
        (:attr:`Signal.UNSURE` too): an unsure Enter never becomes "no".
        """
        answer = self._confirm_question(message, qmark=qmark, default=default,
                                        unsure=unsure).unsafe_ask()
        return answer if isinstance(answer, Signal) else bool(answer)

    def _confirm_question(self, message: str, *, qmark: str, default: bool | None,
                          unsure: bool) -> Any:
        # questionary.confirm hard-codes "(Y/n)" and echoes "Yes"/"No": same prompt, our words.
        from prompt_toolkit import PromptSession
        from prompt_toolkit.formatted_text import FormattedText, to_formatted_text
        from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
        from prompt_toolkit.keys import Keys
        from questionary.question import Question
        from questionary.styles import merge_styles_default

        hint = self._t({True: "wizard.confirm_yes_default", False: "wizard.confirm_no_default",
                        None: "wizard.confirm_no_default_unsure"}[default])
        if unsure and default is not None:
            hint = self._t("wizard.confirm_unsure_hint", hint=hint)
        words = {True: self._t("wizard.yes"), False: self._t("wizard.no"),
                 Signal.UNSURE: self._t("wizard.unsure_word")}
        status: dict[str, Any] = {"answer": None, "complete": False}

        def tokens() -> Any:
            parts: list[tuple[str, str]] = [("class:qmark", qmark),
                                            ("class:question", f" {message} ")]
            if not status["complete"]:
                parts.append(("class:instruction", f"{hint} "))
            if status["answer"] is not None:
                parts.append(("class:answer", words[status["answer"]]))
            return to_formatted_text(FormattedText(parts))

        bindings = KeyBindings()

        def finish(event: KeyPressEvent) -> None:
            status["complete"] = True
            event.app.exit(result=status["answer"])

        @bindings.add(Keys.ControlQ, eager=True)
        @bindings.add(Keys.ControlC, eager=True)
        def _abort(event: KeyPressEvent) -> None:
            event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

        def answer_with(value: bool | Signal) -> Callable[[KeyPressEvent], None]:
            # The letter only shows the choice; Enter confirms it. Answering on the letter alone
            # would let the habitual Enter that follows skip the next question.
            def handler(event: KeyPressEvent) -> None:
                status["answer"] = value
                event.app.invalidate()

            return handler

        yes_keys = ("o", "O", "y", "Y") if self.lang == "fr" else ("y", "Y")
        for key in yes_keys:
            bindings.add(key)(answer_with(True))
        for key in ("n", "N"):
            bindings.add(key)(answer_with(False))
        if unsure:
            unsure_key = self._t("wizard.unsure_key")
            for key in {unsure_key.lower(), unsure_key.upper()}:
                bindings.add(key)(answer_with(Signal.UNSURE))

            def steer(which: Signal) -> Callable[[KeyPressEvent], None]:
                def handler(event: KeyPressEvent) -> None:
                    status["complete"] = True
                    event.app.exit(result=which)

                return handler

            bindings.add(BACK_KEY, eager=True)(steer(Signal.BACK))
            bindings.add(HELP_KEY, eager=True)(steer(Signal.HELP))

        @bindings.add(Keys.ControlM, eager=True)
        def _enter(event: KeyPressEvent) -> None:
            if status["answer"] is None:
                status["answer"] = Signal.UNSURE if default is None else default
            finish(event)

        @bindings.add(Keys.Any)
        def _other(event: KeyPressEvent) -> None:
            """Other keys do nothing."""

        session: PromptSession[Any] = PromptSession(
            tokens, key_bindings=bindings, style=merge_styles_default([None]), **self._io)
        return Question(session.app)
