"""Use cases of the service: plain arguments and a session in, domain objects or errors out.

Services never commit: the boundary that called them (a route handler, a CLI command, a
scheduled job) commits or rolls back, so each use case is one transaction.
"""
