"""Widgets every role uses: buttons that name their keys, meters, icons, language names."""
