"""The gateway (tripsmith.planner.v1): the API booking platforms call to plan and book trips."""
