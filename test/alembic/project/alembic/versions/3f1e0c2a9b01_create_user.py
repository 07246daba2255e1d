"""create user"""
import sqlalchemy as sa
from alembic import op

revision = "3f1e0c2a9b01"
down_revision = None


def upgrade():
    op.create_table(
        "user",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("email", sa.String(100), nullable=False),
        sa.Column("name", sa.Text()),
        sa.UniqueConstraint("email", name="uq_user_email"),
    )
    op.create_index("ix_user_name", "user", ["name"])


def downgrade():
    op.drop_index("ix_user_name", table_name="user")
    op.drop_table("user")
