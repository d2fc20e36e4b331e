"""Dedicated transport: the CVRPLIB solver core and the trip planner.

Pure library code: it never imports Flask, SQLAlchemy or the app.
"""
