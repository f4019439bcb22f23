"""The command palette: every key binding of the current screen as a searchable command."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from ttdn_studio.tui.keys import screen_bindings


class DeskCommands(Provider):
    """Context-aware: offers what the screen on top can do right now, with its key."""

    def _commands(self) -> list[tuple[str, str, str]]:
        screen = self.screen
        target = screen
        out = []
        for row in screen_bindings(type(screen)):
            if row.description:
                out.append((f"{row.description}  [{row.key}]", row.tooltip, row.action))
        self._target = target
        return out

    async def _run(self, action: str) -> None:
        await self._target.run_action(action)

    async def discover(self) -> Hits:
        for label, help_text, action in self._commands():
            yield DiscoveryHit(label, partial(self._run, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for label, help_text, action in self._commands():
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(label), partial(self._run, action), help=help_text
                )
