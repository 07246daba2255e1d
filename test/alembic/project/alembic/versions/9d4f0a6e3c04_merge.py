"""merge the two branches"""
revision = "9d4f0a6e3c04"
down_revision = ("5b2d7e4c1a02", "7c3e8f5d2b03")


def upgrade():
    pass


def downgrade():
    pass
