"""The embedded model endpoint: `tripsmith-rules` behind an OpenAI-compatible HTTP API."""
