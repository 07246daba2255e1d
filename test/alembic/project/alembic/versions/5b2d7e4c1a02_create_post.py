"""create post (branch a)"""
import sqlalchemy as sa
from alembic import op

revision = "5b2d7e4c1a02"
down_revision = "3f1e0c2a9b01"


def upgrade():
    op.create_table(
        "post",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("order", sa.Integer()),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], name="fk_post_user", ondelete="CASCADE"),
    )


def downgrade():
    op.drop_table("post")
