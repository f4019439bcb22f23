"""Run in a terminal (tmux): reads the keys the terminal delivers, as the desk does.

The bytes go through Textual's own xterm parser, exactly like the desk's input
thread; each key's name is appended to the file given as the only argument.
Stops on Ctrl+] (never a key of the desk).
"""

from __future__ import annotations

import os
import selectors
import sys
import termios
import tty
from codecs import getincrementaldecoder
from pathlib import Path

from textual import events
from textual._xterm_parser import XTermParser


def main(out: Path) -> None:
    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    tty.setraw(fd)
    parser = XTermParser()
    decode = getincrementaldecoder("utf-8")().decode
    selector = selectors.SelectSelector()
    selector.register(fd, selectors.EVENT_READ)
    try:
        with out.open("a", encoding="utf-8") as log:
            log.write("ready\n")
            log.flush()
            while True:
                got = []
                for _key, _mask in selector.select(0.1):
                    got.extend(parser.feed(decode(os.read(fd, 4096))))
                got.extend(parser.tick())
                for event in got:
                    if isinstance(event, events.Key):
                        if event.key == "ctrl+right_square_bracket":
                            return
                        log.write(event.key + "\n")
                        log.flush()
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
