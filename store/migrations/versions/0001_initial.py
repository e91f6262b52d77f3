"""Initial schema: documents, sections, extracted items.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("source", sa.String(1024), nullable=False),
        sa.Column("source_key", sa.String(1024), nullable=False),
        sa.Column("title", sa.Text()),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("published_at", sa.String(10)),
        sa.Column("number", sa.String(128)),
        sa.Column("issued_on", sa.String(10)),
        sa.Column("issuer", sa.String(512)),
        sa.Column("province", sa.String(128)),
        sa.Column("year", sa.Integer()),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    )
    for col in ("source_key", "kind", "number", "province", "year"):
        op.create_index(f"ix_documents_{col}", "documents", [col])
    op.create_table(
        "sections",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("document_id", sa.String(16), sa.ForeignKey("documents.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("label", sa.String(256), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("heading", sa.Text()),
        sa.Column("parent", sa.Integer()),
    )
    op.create_index("ix_sections_document_id", "sections", ["document_id"])
    op.create_table(
        "items",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("document_id", sa.String(16), sa.ForeignKey("documents.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(128)),
        sa.Column("relation", sa.String(16)),
        sa.Column("year", sa.Integer()),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("span_start", sa.Integer()),
        sa.Column("span_end", sa.Integer()),
    )
    op.create_index("ix_items_document_id", "items", ["document_id"])
    op.create_index("ix_items_kind_doc", "items", ["kind", "document_id"])
    op.create_index("ix_items_number", "items", ["number"])


def downgrade() -> None:
    op.drop_table("items")
    op.drop_table("sections")
    op.drop_table("documents")
