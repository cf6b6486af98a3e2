# article.sh - a made-up article for the boilerplate tests, with site chrome
# from every pattern family around it.  Sourced; writes $T/article.txt (the
# page), $T/body.txt (what must stay, in order) and $T/chrome.txt (the lines
# that must go).
cat > "$T/body.txt" <<'BODY'
Harbour town votes to rebuild its flooded sea wall before winter
The council of the small harbour town voted on Tuesday to rebuild the sea wall that failed during the autumn storms, after residents spent weeks clearing mud and debris from the houses along the front.
Engineers told the meeting that the old wall had been patched so many times over the last century that it could no longer hold back the water when the wind and the spring tide came together.
What happens next
The work is expected to start in December and to last for most of the winter, which means that the road along the harbour will be closed to traffic for several months while the new wall is built.
Some shop owners said they were worried about losing their customers during the closure, but most of the people who spoke at the meeting said that they would rather put up with the noise than face another flood.
BODY
cat > "$T/chrome.txt" <<'CHROME'
- World News
- January 11, 2025
- No Comment
By Jane Smith and Tom Brown | Harbour Times
Share this article
Follow us on Twitter
Related Articles
Leave a Reply
Your email address will not be published. Required fields are marked *
Back to top button
Sign up for our newsletter
Contributing: Reuters
This story has been updated.
© 2025 Harbour Times. All rights reserved.
CHROME
{
    sed -n 1,3p "$T/chrome.txt"
    sed -n 1p "$T/body.txt"
    sed -n 4p "$T/chrome.txt"
    sed -n 2,3p "$T/body.txt"
    sed -n 5,6p "$T/chrome.txt"
    sed -n 4,6p "$T/body.txt"
    sed -n '7,$p' "$T/chrome.txt"
} > "$T/article.txt"
