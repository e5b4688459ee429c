from __future__ import annotations

from content_model.attachments import attachment_errors


def test_known_types_in_files_folder_are_published():
    assert attachment_errors(["volumes/v/files/a.pdf", "volumes/v/files/B.PNG"]) == []


def test_markdown_lookalikes_and_stray_files_are_refused():
    errors = attachment_errors(["volumes/v/notes.markdown", "volumes/v/x.MD"])
    assert [(e.path, e.line) for e in errors] == [
        ("content/volumes/v/notes.markdown", 1),
        ("content/volumes/v/x.MD", 1),
    ]
    assert all("only entries" in e.message for e in errors)


def test_active_content_types_are_refused():
    errors = attachment_errors(
        ["volumes/v/files/mail.html", "volumes/v/files/d.svg", "volumes/v/files/x"]
    )
    assert [e.message.split(" are ")[0] for e in errors] == [
        'attachments of type ".html"',
        'attachments of type ".svg"',
        'attachments of type "(none)"',
    ]
