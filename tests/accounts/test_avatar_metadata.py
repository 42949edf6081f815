"""An avatar is public: it carries no text of the uploaded file's (issue 13, defect 3)."""

import io

from accounts.services import profile_update
from photos.samples import sample_image
from tests.photos.hostile_images import NAME, hostile_exif, iptc_segment


def test_an_avatar_keeps_no_comment_exif_iptc_or_icc_of_the_upload(alice, media_dir):
    out = io.BytesIO()
    sample_image(400, 300, seed=4).save(
        out,
        "JPEG",
        comment=f"Shot by {NAME}".encode(),
        exif=hostile_exif().tobytes(),
        icc_profile=NAME.encode() * 40,
        extra=iptc_segment(),
    )
    profile_update(user=alice, display_name="Alice", bio="", avatar_file=io.BytesIO(out.getvalue()))
    avatar = (media_dir / alice.avatar).read_bytes()
    assert NAME.encode() not in avatar
    assert b"\xff\xfe" not in avatar.split(b"\xff\xda", 1)[0]  # no COM before the image data
