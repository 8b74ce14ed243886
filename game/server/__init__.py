"""The class server: `friendship-pass serve` for a browser class.

    student.py   headless: one game process's link to the class database (join, sync, poll)
    web.py       the aiohttp server (textual-serve underneath): limits, checks, the teacher console
    console.py   the teacher console's page, its data and exports

Only `web.py` imports aiohttp; a game process imports `student.py` alone.
"""
