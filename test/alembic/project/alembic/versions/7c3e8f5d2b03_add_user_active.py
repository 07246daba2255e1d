"""add user.active (branch b)"""
import sqlalchemy as sa
from alembic import op

revision = "7c3e8f5d2b03"
down_revision = "3f1e0c2a9b01"


def upgrade():
    op.add_column("user", sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()))


def downgrade():
    op.drop_column("user", "active")
