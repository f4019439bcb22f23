"""Modal dialogs, each typed by what it returns (``ModalScreen[T]``)."""

from ttdn_studio.tui.dialogs.basic import ChoiceDialog, ConfirmDialog, InputDialog, MessageDialog

__all__ = ["ChoiceDialog", "ConfirmDialog", "InputDialog", "MessageDialog"]
