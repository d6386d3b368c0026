"""The SQL catalog: models, migrations, repository functions and search."""
