"""Completion without the protocol: ranking names as they are typed (``ranking``), and what
completion keeps of each vault (``index``: its link names, ready for rapidfuzz, and its
tags). The server's completion feature builds protocol items around these."""
