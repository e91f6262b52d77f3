"""The change log (``store/changelog.py``): one row per document written or deleted, in commit
order, so each serving node's lexical index can catch up with writes made by other nodes.
Existing documents are logged as puts, oldest first, so a node with an empty data dir replays
the whole store.

Revision ID: 0003
Revises: 0002
"""

import hashlib

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_BACKFILL_BATCH = 500


def upgrade() -> None:
    op.create_table(
        "changes",
        sa.Column("seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True,
                  autoincrement=True),
        sa.Column("document_id", sa.String(16), nullable=False),
        sa.Column("op", sa.String(8), nullable=False),
        sa.Column("content_hash", sa.String(64)),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_changes_document_id", "changes", ["document_id"])
    conn = op.get_bind()
    docs = sa.table("documents", sa.column("id", sa.String), sa.column("text", sa.Text),
                    sa.column("created_at", sa.DateTime))
    changes = sa.table("changes", sa.column("document_id", sa.String), sa.column("op", sa.String),
                       sa.column("content_hash", sa.String))
    ids = conn.execute(sa.select(docs.c.id).order_by(docs.c.created_at, docs.c.id)).scalars().all()
    for i in range(0, len(ids), _BACKFILL_BATCH):
        part = ids[i:i + _BACKFILL_BATCH]
        texts = dict(conn.execute(sa.select(docs.c.id, docs.c.text).where(docs.c.id.in_(part))).all())
        conn.execute(changes.insert(), [
            {"document_id": d, "op": "put", "content_hash": hashlib.sha256(texts[d].encode("utf-8")).hexdigest()}
            for d in part
        ])


def downgrade() -> None:
    op.drop_index("ix_changes_document_id", "changes")
    op.drop_table("changes")
