#!/usr/bin/python3
"""Builds the OCR test set: phone screenshots, real photos with a sign pasted in, Chinese screenshots, photos without text.

Run from the project root with Debian's python3 and python3-pil, fonts-dejavu-core, fonts-liberation2, fonts-noto-cjk:
    /usr/bin/python3 tests/ocr-set/build.py
Writes tests/ocr-set/images/ and tests/ocr-set/manifest.json: each image, its kind, and the words it holds (the
queries). Words are chosen so no other image holds them by chance; deterministic (seeded).
"""
import json
import pathlib
import random

from PIL import Image, ImageDraw, ImageFont

HERE = pathlib.Path(__file__).resolve().parent
SHARED = HERE.parents[2] / "shared"
OUT = HERE / "images"
FONTS = {
    "DejaVuSans": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "DejaVuSerif": "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "DejaVuSansMono": "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
    "LiberationSans": "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
    "LiberationSerif": "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
}
BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
CJK = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
WORDS = """aubergine bergamot cardamom damson elderflower fennel galangal hibiscus juniper kumquat lemongrass mandarin
nectarine oregano pistachio quince rhubarb saffron tamarind vanilla walnut yuzu zucchini artichoke brioche chestnut
dumpling espresso focaccia gnocchi hazelnut jalapeno kohlrabi lavender macaron nougat oatmeal paprika quinoa ravioli
sorbet tortilla umami wasabi anchovy biscotti cobbler dijon eclair fudge gelato halloumi
marzipan pomelo clementine persimmon gooseberry lingonberry mulberry cranberry blackcurrant""".split()
SIGN_WORDS = """Ristorante Farmacia Bakery Pharmacy Museum Station Library Harbour Market Theatre Boutique Gallery Cinema
Hostel Pizzeria Trattoria Bistro Taverna Brasserie Laundry""".split()
CHINESE = ["火锅", "地铁", "电影院", "咖啡", "图书馆", "机场", "医院", "银行", "公园", "超市", "周末", "生日", "会议", "快递", "外卖",
           "火车票", "酒店", "博物馆", "健身房", "早餐"]
CHINESE_FILLER = ["今天晚上我们去吃{}吧", "明天早上八点在{}门口见", "我刚才在{}看到你了", "请把{}的地址发给我", "这个{}真的很不错",
                  "周五下午去{}怎么样", "{}那边人太多了", "记得带上{}的票"]
random.seed(23)


def screenshot(index, words, dark):
    font_name = list(FONTS)[index % len(FONTS)]
    size = [24, 30, 36, 44][index % 4]
    font = ImageFont.truetype(FONTS[font_name], size)
    small = ImageFont.truetype(FONTS[font_name], max(16, size - 10))
    background, ink, muted = ((18, 18, 22), (235, 235, 240), (150, 150, 160)) if dark else ((250, 250, 250), (20, 20, 24), (110, 110, 120))
    image = Image.new("RGB", (750, 1334), background)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 750, 90), fill=(40, 40, 48) if dark else (230, 230, 235))
    draw.text((30, 30), "9:41", fill=ink, font=small)
    y = 130
    lines = [f"Order confirmed: {words[0]}", f"Booking reference QX{index:02d}-{4821 + index}", f"Your {words[1]} arrives on Tuesday",
             "Tap here to view the details", f"Notes: {words[2]} and more", "Thank you for shopping with us"]
    for line in lines:
        draw.text((40, y), line, fill=ink if "Notes" not in line else muted, font=font)
        y += int(size * 2.2)
    return image, f"screenshot-{index:02d}-{font_name}-{size}px-{'dark' if dark else 'light'}.png"


def sign_photo(index, word, background_path):
    photo = Image.open(background_path).convert("RGB")
    photo = photo.resize((photo.width * 2, photo.height * 2), Image.Resampling.BICUBIC)
    font = ImageFont.truetype(BOLD, random.choice([34, 40, 48, 56]))
    left, top, right, bottom = font.getbbox(word)
    colors = [((180, 20, 30), (255, 255, 255)), ((20, 60, 140), (255, 255, 255)), ((245, 245, 235), (20, 20, 20)), ((20, 110, 60), (255, 250, 230))]
    plate_color, ink = colors[index % len(colors)]
    plate = Image.new("RGBA", (right - left + 60, bottom - top + 40), plate_color + (255,))
    ImageDraw.Draw(plate).text((30 - left, 20 - top), word, fill=ink, font=font)
    plate = plate.rotate(random.uniform(-7, 7), expand=True, resample=Image.Resampling.BICUBIC)
    x = random.randint(10, max(10, photo.width - plate.width - 10))
    y = random.randint(10, max(10, photo.height // 2 - plate.height))
    photo.paste(plate, (x, y), plate)
    return photo, f"sign-{index:02d}-{word.lower()}.jpg"


def chinese_screenshot(index, words, dark):
    font = ImageFont.truetype(CJK, [28, 34, 40][index % 3])
    background, ink = ((18, 18, 22), (235, 235, 240)) if dark else ((250, 250, 250), (20, 20, 24))
    image = Image.new("RGB", (750, 1334), background)
    draw = ImageDraw.Draw(image)
    y = 140
    for k, word in enumerate(words):
        bubble = CHINESE_FILLER[(index + k) % len(CHINESE_FILLER)].format(word)
        draw.rounded_rectangle((30, y - 16, 720, y + 64), radius=18, fill=(50, 120, 60) if dark else (149, 236, 105))
        draw.text((50, y), bubble, fill=ink if dark else (10, 10, 10), font=font)
        y += 130
    return image, f"chinese-{index:02d}-{'dark' if dark else 'light'}.png"


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.iterdir():
        old.unlink()
    manifest = []
    words = WORDS[:]
    random.shuffle(words)
    for i in range(20):
        held = words[i * 3:(i + 1) * 3]
        image, name = screenshot(i, held, dark=i % 2 == 1)
        image.save(OUT / name, optimize=True)
        manifest.append({"file": name, "kind": "screenshot", "words": held})
    flickr = sorted((SHARED / "datasets" / "flickr8k-224" / "images-partial").glob("*.jpg"))
    backgrounds = random.sample(flickr, 30)
    for i, word in enumerate(SIGN_WORDS):
        image, name = sign_photo(i, word, backgrounds[i])
        image.save(OUT / name, quality=90)
        manifest.append({"file": name, "kind": "sign", "words": [word]})
    chinese = CHINESE[:]
    for i in range(10):
        held = [chinese[(2 * i) % len(chinese)], chinese[(2 * i + 1) % len(chinese)]]
        image, name = chinese_screenshot(i, held, dark=i % 3 == 2)
        image.save(OUT / name, optimize=True)
        manifest.append({"file": name, "kind": "chinese", "words": held})
    for i, path in enumerate(backgrounds[20:30]):
        name = f"plain-{i:02d}.jpg"
        Image.open(path).convert("RGB").save(OUT / name, quality=90)
        manifest.append({"file": name, "kind": "none", "words": []})
    (HERE / "manifest.json").write_text(json.dumps({"images": manifest}, ensure_ascii=False, indent=1), encoding="utf-8")
    print(len(manifest), "images,", sum(f.stat().st_size for f in OUT.iterdir()) // 1024, "KB")


if __name__ == "__main__":
    main()
