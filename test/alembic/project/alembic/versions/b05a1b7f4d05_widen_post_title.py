"""widen post.title, add post.score (a table rebuild on SQLite)"""
import sqlalchemy as sa
from alembic import op

revision = "b05a1b7f4d05"
down_revision = "9d4f0a6e3c04"


def upgrade():
    with op.batch_alter_table("post") as batch:
        batch.alter_column("title", type_=sa.Text(), existing_type=sa.String(200), existing_nullable=False)
        batch.add_column(sa.Column("score", sa.Integer(), nullable=False, server_default=sa.text("0")))
        batch.create_index("ix_post_score", ["score"])


def downgrade():
    with op.batch_alter_table("post") as batch:
        batch.drop_index("ix_post_score")
        batch.drop_column("score")
        batch.alter_column("title", type_=sa.String(200), existing_type=sa.Text(), existing_nullable=False)
