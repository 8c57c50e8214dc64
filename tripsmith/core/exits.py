"""Exit statuses of every Tripsmith command and process."""

#: 2 is a mistake of the caller's (bad input or configuration, one line on stderr; restarting
#: cannot help), 1 anything else.
EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


class BadInput(Exception):
    """A mistake of the caller's: one line on stderr, exit status EXIT_BAD_INPUT."""
