"""Asking one thing at a time: the only module that talks to questionary.

The wizard sees a :class:`Prompter`; tests give it a scripted fake. :class:`QuestionaryPrompter`
is the real one. questionary's English built-ins ("(Y/n)", "(Use arrow keys)", "done (2
selections)", "Cancelled by user") are replaced by passing our own texts, never by patching
questionary: the yes/no and checkbox prompts are built here from questionary's own parts
(``Question``, ``InquirerControl``, its layout and style) with our words, and ``unsafe_ask``
lets Ctrl-C reach the wizard (which prints how to resume).

Every method raises ``KeyboardInterrupt`` on Ctrl-C and ``EOFError`` when input ends.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from reseau_cli import i18n

Check = Callable[[str], str | None]
"""Checks typed text: returns the message to show, or None when the text is acceptable."""

Choices = Sequence[tuple[str, str]]
"""(value, label) pairs, in display order."""


class Prompter(Protocol):
    """What the wizard needs from a terminal."""

    def text(self, message: str, *, qmark: str, default: str = "",
             instruction: str | None = None, check: Check | None = None) -> str:
        """Free text (one line; Enter finishes)."""
        ...

    def select(self, message: str, choices: Choices, *, qmark: str,
               default: str | None = None) -> str:
        """One value among ``choices``."""
        ...

    def checkbox(self, message: str, choices: Choices, *, qmark: str,
                 default: Sequence[str] = ()) -> list[str]:
        """Any number of values among ``choices``."""
        ...

    def confirm(self, message: str, *, qmark: str, default: bool) -> bool:
        """Yes or no."""
        ...


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
        """One value among ``choices``."""
        import questionary

        items = [questionary.Choice(title=label, value=value) for value, label in choices]
        values = [value for value, _ in choices]
        question = questionary.select(
            message, items, qmark=qmark, instruction=self._t("wizard.select_hint"),
            default=default if default in values else None, **self._io)
        return str(question.unsafe_ask())

    def checkbox(self, message: str, choices: Choices, *, qmark: str,
                 default: Sequence[str] = ()) -> list[str]:
        """Any number of values among ``choices``."""
        question = self._checkbox_question(message, choices, qmark=qmark, default=default)
        return [str(value) for value in question.unsafe_ask()]

    def _checkbox_question(self, message: str, choices: Choices, *, qmark: str,
                           default: Sequence[str]) -> Any:
        # questionary.checkbox echoes "done (2 selections)": same widget, answer in our words.
        import questionary
        from prompt_toolkit.application import Application
        from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
        from prompt_toolkit.keys import Keys
        from questionary.prompts.common import InquirerControl, create_inquirer_layout
        from questionary.question import Question
        from questionary.styles import merge_styles_default

        items = [questionary.Choice(title=label, value=value, checked=value in default)
                 for value, label in choices]
        control = InquirerControl(items, None, pointer="»")
        hint = self._t("wizard.checkbox_hint")
        none = self._t("wizard.checkbox_none")

        def tokens() -> list[tuple[str, str]]:
            parts = [("class:qmark", qmark), ("class:question", f" {message} ")]
            if control.is_answered:
                picked = [label for value, label in choices if value in control.selected_options]
                parts.append(("class:answer", ", ".join(picked) or none))
            else:
                parts.append(("class:instruction", hint))
            return parts

        bindings = KeyBindings()

        @bindings.add(Keys.ControlQ, eager=True)
        @bindings.add(Keys.ControlC, eager=True)
        def _abort(event: KeyPressEvent) -> None:
            event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

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
            every = [c.value for c in control.choices]
            everything = all(v in control.selected_options for v in every)
            control.selected_options = [] if everything else every

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
            order = [value for value, _ in choices]
            event.app.exit(result=sorted(control.selected_options, key=order.index))

        @bindings.add(Keys.Any)
        def _other(event: KeyPressEvent) -> None:
            """Other keys do nothing."""

        layout = create_inquirer_layout(control, tokens, **self._io)
        application: Application[Any] = Application(
            layout=layout, key_bindings=bindings, style=merge_styles_default([None]),
            **self._io)
        return Question(application)

    def confirm(self, message: str, *, qmark: str, default: bool) -> bool:
        """Yes or no, with the letters of the user's language (o/n or y/n)."""
        return bool(self._confirm_question(message, qmark=qmark, default=default).unsafe_ask())

    def _confirm_question(self, message: str, *, qmark: str, default: bool) -> Any:
        # questionary.confirm hard-codes "(Y/n)" and echoes "Yes"/"No": same prompt, our words.
        from prompt_toolkit import PromptSession
        from prompt_toolkit.formatted_text import FormattedText, to_formatted_text
        from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
        from prompt_toolkit.keys import Keys
        from questionary.question import Question
        from questionary.styles import merge_styles_default

        hint = self._t("wizard.confirm_yes_default" if default else "wizard.confirm_no_default")
        yes_word, no_word = self._t("wizard.yes"), self._t("wizard.no")
        status: dict[str, bool | None] = {"answer": None, "complete": False}

        def tokens() -> Any:
            parts: list[tuple[str, str]] = [("class:qmark", qmark),
                                            ("class:question", f" {message} ")]
            if not status["complete"]:
                parts.append(("class:instruction", f"{hint} "))
            if status["answer"] is not None:
                parts.append(("class:answer", yes_word if status["answer"] else no_word))
            return to_formatted_text(FormattedText(parts))

        bindings = KeyBindings()

        def finish(event: KeyPressEvent) -> None:
            status["complete"] = True
            event.app.exit(result=status["answer"])

        @bindings.add(Keys.ControlQ, eager=True)
        @bindings.add(Keys.ControlC, eager=True)
        def _abort(event: KeyPressEvent) -> None:
            event.app.exit(exception=KeyboardInterrupt, style="class:aborting")

        def answer_with(value: bool) -> Callable[[KeyPressEvent], None]:
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

        @bindings.add(Keys.ControlM, eager=True)
        def _enter(event: KeyPressEvent) -> None:
            if status["answer"] is None:
                status["answer"] = default
            finish(event)

        @bindings.add(Keys.Any)
        def _other(event: KeyPressEvent) -> None:
            """Other keys do nothing."""

        session: PromptSession[Any] = PromptSession(
            tokens, key_bindings=bindings, style=merge_styles_default([None]), **self._io)
        return Question(session.app)
