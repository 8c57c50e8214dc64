"""Tripsmith's servers, one package each: the gateway, the supplier services and the model.

Every gRPC service has the same shape: `config.py` (its settings), `server.py`
(`create_server(config) -> (server, port)`), and `__main__.py` (`python -m services.NAME`).
"""
