"""Legal status (SPEC §5): documents get ``number_key`` (the form citations are matched on) and
``effective_from``; items get an index on (relation, number) so the relation graph is one
indexed read. Status itself is derived on read, so nothing else is stored.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

from store.numbers import number_key

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("documents", sa.Column("number_key", sa.String(128)))
    op.add_column("documents", sa.Column("effective_from", sa.String(10)))
    op.create_index("ix_documents_number_key", "documents", ["number_key"])
    op.create_index("ix_items_relation_number", "items", ["relation", "number"])
    conn = op.get_bind()
    docs = sa.table("documents", sa.column("id", sa.String), sa.column("number", sa.String),
                    sa.column("number_key", sa.String), sa.column("record", sa.JSON),
                    sa.column("effective_from", sa.String))
    rows = conn.execute(sa.select(docs.c.id, docs.c.number, docs.c.record)).all()
    for doc_id, number, record in rows:
        eff = (record or {}).get("effective_from") if isinstance(record, dict) else None
        conn.execute(docs.update().where(docs.c.id == doc_id).values(
            number_key=number_key(number) if number else None, effective_from=eff))


def downgrade() -> None:
    op.drop_index("ix_items_relation_number", "items")
    op.drop_index("ix_documents_number_key", "documents")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("effective_from")
        batch.drop_column("number_key")
