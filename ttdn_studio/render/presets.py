"""Render presets: output size, picture fitting, encoder settings and the safe area.

A preset is one entry in :data:`PRESETS`; adding a delivery format means adding
one :func:`register` call. A preset for air (``air=True``: broadcast, playout) is
only rendered for a clip that passes the editorial gate (``services.editorial``).

The playout presets follow common broadcast delivery norms: 1080i50 or 1080p25,
closed GOPs of at most one second, a capped bitrate, BT.709 colour tagged with
limited range, and 48 kHz stereo audio normalised to EBU R128 (−23 LUFS,
true peak ≤ −1 dBTP) by ffmpeg's two-pass ``loudnorm``. ``playout-1080i50`` and
``playout-1080p25`` write H.264 High 4:2:2 in MP4; ``playout-xdcam-mxf`` writes
XDCAM HD 422 (MPEG-2 4:2:2 at 50 Mb/s, 1080i50) with 24-bit PCM in MXF OP1a.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Literal

from ttdn_studio.errors import RenderError

Fit = Literal["letterbox", "vertical", "source"]
Scan = Literal["progressive", "interlaced"]
Codec = Literal["h264", "xdcam"]


@dataclass(frozen=True)
class Loudness:
    """An EBU R128 target for ffmpeg's ``loudnorm`` (two passes: measure, then apply)."""

    integrated: float = -23.0  # LUFS
    true_peak: float = -1.0  # dBTP
    lra: float = 20.0  # LU; high, so that most programmes keep loudnorm's linear mode


@dataclass(frozen=True)
class SafeArea:
    """Where text may go, as fractions of the frame (EBU/BBC title-safe by default)."""

    width: float = 0.90  # central part of the frame width text stays within
    bottom: float = 0.08  # distance of the lowest text from the bottom edge


@dataclass(frozen=True)
class Preset:
    """One delivery format. ``width``/``height`` None keeps the source size."""

    name: str
    description: str
    width: int | None
    height: int | None
    fit: Fit = "letterbox"
    crf: int = 23
    speed: str = "medium"  # x264 -preset
    audio_bitrate: str = "192k"
    safe: SafeArea = field(default_factory=SafeArea)
    text_scale: float = 1.0  # font size multiplier on top of the per-language default
    air: bool = False  # goes to air: rendering it passes the editorial gate
    watermark: str = ""  # drawn in the top-right corner of every frame (proofs)
    # Delivery settings; the defaults are those of the web and draft presets.
    codec: Codec = "h264"
    container: str = "mp4"  # file extension and ffmpeg muxer
    pix_fmt: str = "yuv420p"
    profile: str | None = None  # encoder profile, e.g. x264's "high422"
    fps: int | None = None  # None keeps the source's frame rate
    scan: Scan = "progressive"  # interlaced: top field first
    gop: int | None = None  # closed GOPs of this many frames (None: encoder default)
    maxrate: str | None = None  # bitrate cap, with ``bufsize`` as the VBV buffer
    bufsize: str | None = None
    bt709: bool = False  # tag BT.709 colour and limited range
    loudness: Loudness | None = None  # normalise the audio to this target
    audio_codec: str = "aac"
    sample_rate: int | None = None  # with it, audio is also made stereo

    @property
    def playout(self) -> bool:
        """Audio is always re-encoded (never copied) to meet the delivery norm."""
        return self.loudness is not None or self.sample_rate is not None

    def size_for(self, source: tuple[int, int] | None) -> tuple[int, int]:
        if self.width and self.height:
            return self.width, self.height
        if source is None:
            return 1280, 720
        return _even(source[0]), _even(source[1])

    def video_args(self) -> dict[str, object]:
        """Encoder and container options (ffmpeg-python keyword form)."""
        args: dict[str, object] = self._xdcam_args() if self.codec == "xdcam" else self._h264_args()
        if self.bt709:
            args |= {
                "colorspace": "bt709",
                "color_primaries": "bt709",
                "color_trc": "bt709",
                "color_range": "tv",
            }
        if self.container == "mp4":
            args["movflags"] = "+faststart"
        return args

    def _h264_args(self) -> dict[str, object]:
        args: dict[str, object] = {
            "c:v": "libx264",
            "crf": self.crf,
            "preset": self.speed,
            "pix_fmt": self.pix_fmt,
        }
        if self.profile:
            args["profile:v"] = self.profile
        x264: list[str] = []
        flags: list[str] = []
        if self.gop:
            args |= {"g": self.gop, "keyint_min": self.gop, "bf": 2}
            flags.append("+cgop")
        if self.scan == "interlaced":
            flags += ["+ildct", "+ilme"]
            x264.append("tff=1")
        if self.maxrate:
            args |= {"maxrate": self.maxrate, "bufsize": self.bufsize or self.maxrate}
            x264.append("nal-hrd=vbr")
        if flags:
            args["flags"] = "".join(flags)
        if x264:
            args["x264-params"] = ":".join(x264)
        return args

    def _xdcam_args(self) -> dict[str, object]:
        """XDCAM HD 422: MPEG-2 4:2:2 at a constant 50 Mb/s, closed GOPs of 12 frames."""
        rate = self.maxrate or "50M"
        args: dict[str, object] = {
            "c:v": "mpeg2video",
            "pix_fmt": "yuv422p",
            "b:v": rate,
            "minrate": rate,
            "maxrate": rate,
            "bufsize": self.bufsize or "17825792",
            "rc_init_occupancy": self.bufsize or "17825792",
            "g": self.gop or 12,
            "bf": 2,
            "sc_threshold": 1000000000,  # closed GOPs: no scene-cut I frames
            "dc": 10,
            "intra_vlc": 1,
            "non_linear_quant": 1,
            "qmin": 1,
            "qmax": 12,
            "lmin": "1*QP2LAMBDA",
            "flags": "+cgop" + ("+ildct+ilme" if self.scan == "interlaced" else ""),
        }
        if self.scan == "interlaced":
            args["top"] = 1
        return args

    def audio_args(self) -> dict[str, object]:
        """Audio encoding for a re-encoded track."""
        args: dict[str, object] = {"c:a": self.audio_codec}
        if not self.audio_codec.startswith("pcm_"):
            args["b:a"] = self.audio_bitrate
        if self.sample_rate:
            args |= {"ar": self.sample_rate, "ac": 2}
        return args

    def describe(self) -> str:
        """A stable text of everything that changes the output (part of the fingerprint)."""
        return repr(
            (
                self.name,
                self.width,
                self.height,
                self.fit,
                self.crf,
                self.speed,
                self.audio_bitrate,
                self.safe,
                self.text_scale,
                *((self.watermark,) if self.watermark else ()),
            )
            + self._delivery()
        )

    def _delivery(self) -> tuple[object, ...]:
        """Delivery settings that differ from the defaults (so older fingerprints stay)."""
        changed = tuple(
            (name, getattr(self, name))
            for name in _DELIVERY_FIELDS
            if getattr(self, name) != _DEFAULTS[name]
        )
        return (changed,) if changed else ()


_DELIVERY_FIELDS = (
    "codec",
    "container",
    "pix_fmt",
    "profile",
    "fps",
    "scan",
    "gop",
    "maxrate",
    "bufsize",
    "bt709",
    "loudness",
    "audio_codec",
    "sample_rate",
)
_DEFAULTS = {f.name: f.default for f in fields(Preset) if f.name in _DELIVERY_FIELDS}


def _even(n: int) -> int:
    return max(2, n - n % 2)  # x264 needs even sides; a 1-pixel side becomes 2


PRESETS: dict[str, Preset] = {}
ALIASES: dict[str, str] = {}


def register(preset: Preset, *aliases: str) -> Preset:
    PRESETS[preset.name] = preset
    for alias in aliases:
        ALIASES[alias] = preset.name
    return preset


def proof_of(preset: Preset) -> Preset:
    """The same output marked "PROOF": for checking, never counted as delivered."""
    return replace(preset, name="proof", air=False, watermark="PROOF")


def get_preset(name: str) -> Preset:
    preset = PRESETS.get(ALIASES.get(name, name))
    if preset is None:
        raise RenderError(f"unknown render preset {name!r} (presets: {', '.join(PRESETS)})")
    return preset


register(
    Preset(
        "broadcast",
        "1080p H.264 for air, high quality (crf 18)",
        1920,
        1080,
        crf=18,
        speed="medium",
        air=True,
    )
)
register(
    Preset(
        "web",
        "720p H.264 for the web site, smaller files (crf 23)",
        1280,
        720,
        crf=23,
        speed="medium",
        audio_bitrate="128k",
    )
)
register(
    Preset(
        "social-vertical",
        "1080x1920 vertical 9:16 for social platforms, blurred"
        " background, subtitles above the platform's buttons",
        1080,
        1920,
        fit="vertical",
        crf=21,
        speed="medium",
        audio_bitrate="128k",
        safe=SafeArea(width=0.86, bottom=0.20),
        text_scale=1.15,
    ),
    "social",
    "vertical",
)
register(
    Preset(
        "draft",
        "source size, fastest encoding: for checking, not for air",
        None,
        None,
        fit="source",
        crf=28,
        speed="ultrafast",
        audio_bitrate="96k",
    )
)

for _name, _scan, _what in (
    ("playout-1080i50", "interlaced", "1080i50 (top field first)"),
    ("playout-1080p25", "progressive", "1080p25"),
):
    register(
        Preset(
            _name,
            f"{_what} H.264 High 4:2:2 master for a playout server: closed 1 s GOP,"
            " ≤ 40 Mb/s, BT.709, 48 kHz stereo at −23 LUFS (EBU R128)",
            1920,
            1080,
            crf=18,
            speed="medium",
            audio_bitrate="256k",
            pix_fmt="yuv422p",
            profile="high422",
            fps=25,
            scan=_scan,  # type: ignore[arg-type]
            gop=25,
            maxrate="40M",
            bufsize="20M",
            bt709=True,
            loudness=Loudness(),
            sample_rate=48000,
            air=True,
        )
    )
register(
    Preset(
        "playout-xdcam-mxf",
        "1080i50 XDCAM HD 422 (MPEG-2, 50 Mb/s) in MXF OP1a, 24-bit PCM at −23 LUFS"
        " (EBU R128), for servers that ingest MXF",
        1920,
        1080,
        codec="xdcam",
        container="mxf",
        pix_fmt="yuv422p",
        fps=25,
        scan="interlaced",
        gop=12,
        maxrate="50M",
        bt709=True,
        loudness=Loudness(),
        audio_codec="pcm_s24le",
        sample_rate=48000,
        air=True,
    ),
    "xdcam",
    "mxf",
)
