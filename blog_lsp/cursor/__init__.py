"""What is under the cursor in a note, without the protocol: the link, heading, tag or block at
a position (``at_position``), and what a completion is being typed for (``completion_context``).
The server's features convert positions and build protocol objects around these."""
