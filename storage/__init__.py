"""Persistence: SQLAlchemy 2 async models, the chat repository and Alembic migrations."""
