"""Runs the planner worker: `python -m workflows`."""

from workflows.worker import main

if __name__ == "__main__":
    main()
