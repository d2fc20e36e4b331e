"""Pure algorithms of the service: scoring, ranking, allocation and route planning.

Nothing here imports Flask, SQLAlchemy or ``jobs_app``: callers load plain records and pass
them in, so every algorithm can be tested and benchmarked on its own.
"""
