"""Clients for the meeting platforms a gateway joins: each a sans-I/O core for
the platform's rules and an asyncio shell for its sockets.
"""
