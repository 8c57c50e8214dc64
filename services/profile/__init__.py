"""The profile service (tripsmith.profile.v1): travelers, preferences and trip history."""
