/* jf-desk-receipt.c: the receipt of registration and its one drawing */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include "jf-enums.h"
#include "jf-desk-format.h"
#include "jf-desk-json.h"
#include "jf-desk-receipt.h"

#define MARGIN 34.0
#define QR_SIZE 92.0
/* The receipt's text is Chinese first: Han characters in their Simplified forms. */
#define RECEIPT_FONT "Noto Sans CJK SC, Noto Sans, Sans"

typedef struct
{
  char *role;
  char *name;
  char *id_number;   /* masked, or NULL */
} Party;

struct _JfDeskReceipt
{
  GObject    parent_instance;

  char      *number;
  char      *title;
  char      *kind;
  char      *category;
  char      *centre;
  char      *registered_by;
  GDateTime *registered_at;
  GDateTime *due_at;
  GArray    *parties;          /* of Party */
};

G_DEFINE_FINAL_TYPE (JfDeskReceipt, jf_desk_receipt, G_TYPE_OBJECT)

static void
party_clear (Party *party)
{
  g_free (party->role);
  g_free (party->name);
  g_free (party->id_number);
}

static void
jf_desk_receipt_finalize (GObject *object)
{
  JfDeskReceipt *self = JF_DESK_RECEIPT (object);

  g_free (self->number);
  g_free (self->title);
  g_free (self->kind);
  g_free (self->category);
  g_free (self->centre);
  g_free (self->registered_by);
  g_clear_pointer (&self->registered_at, g_date_time_unref);
  g_clear_pointer (&self->due_at, g_date_time_unref);
  g_clear_pointer (&self->parties, g_array_unref);
  G_OBJECT_CLASS (jf_desk_receipt_parent_class)->finalize (object);
}

static void
jf_desk_receipt_class_init (JfDeskReceiptClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = jf_desk_receipt_finalize;
}

static void
jf_desk_receipt_init (JfDeskReceipt *self)
{
  self->parties = g_array_new (FALSE, TRUE, sizeof (Party));
  g_array_set_clear_func (self->parties, (GDestroyNotify) party_clear);
}

JfDeskReceipt *
jf_desk_receipt_new_from_matter (JsonObject *matter,
                                 const char *category_name)
{
  JfDeskReceipt *self;
  JsonObject *registered, *deadline, *org;
  JsonArray *parties;
  const char *number = jf_desk_json_string (matter, "number");
  JfKind kind;

  if (number == NULL)
    return NULL;
  self = g_object_new (JF_DESK_TYPE_RECEIPT, NULL);
  self->number = g_strdup (number);
  self->title = g_strdup (jf_desk_json_string (matter, "title"));
  self->kind = g_strdup (jf_kind_from_string (jf_desk_json_string (matter, "kind"), &kind)
                         ? jf_kind_label (kind) : NULL);
  self->category = g_strdup (category_name);

  registered = jf_desk_json_member_object (matter, "registered");
  org = jf_desk_json_member_object (registered, "org");
  if (org == NULL)
    org = jf_desk_json_member_object (matter, "org");
  if (jf_desk_json_string (org, "name") != NULL)
    /* TRANSLATORS: the name of a unit's dispute-resolution centre, e.g. 东吉街道综治中心. */
    self->centre = g_strdup_printf (_("%s Comprehensive Governance Centre"),
                                    jf_desk_json_string (org, "name"));
  self->registered_by = g_strdup (jf_desk_json_string (
    jf_desk_json_member_object (registered, "by"), "name"));
  self->registered_at = jf_desk_parse_time (jf_desk_json_string (registered, "at"));
  if (self->registered_at == NULL)
    self->registered_at = jf_desk_parse_time (jf_desk_json_string (matter, "created_at"));
  deadline = jf_desk_json_member_object (matter, "deadline");
  self->due_at = jf_desk_parse_time (jf_desk_json_string (deadline, "due_at"));

  parties = jf_desk_json_member_array (matter, "parties");
  for (guint i = 0; parties != NULL && i < json_array_get_length (parties); i++)
    {
      JsonObject *object = jf_desk_json_object (json_array_get_element (parties, i));
      Party party = { NULL, NULL, NULL };
      JfPartyRole role;

      if (jf_desk_json_string (object, "name") == NULL)
        continue;
      party.role = g_strdup (jf_party_role_from_string (jf_desk_json_string (object, "role"),
                                                        &role)
                             ? jf_party_role_label (role) : "");
      party.name = g_strdup (jf_desk_json_string (object, "name"));
      party.id_number = g_strdup (jf_desk_json_string (object, "id_number"));
      g_array_append_val (self->parties, party);
    }
  return self;
}

const char *
jf_desk_receipt_get_number (JfDeskReceipt *self)
{
  g_return_val_if_fail (JF_DESK_IS_RECEIPT (self), NULL);
  return self->number;
}

const char *
jf_desk_receipt_get_title (JfDeskReceipt *self)
{
  g_return_val_if_fail (JF_DESK_IS_RECEIPT (self), NULL);
  return self->title != NULL ? self->title : "";
}

const char *
jf_desk_receipt_get_centre (JfDeskReceipt *self)
{
  g_return_val_if_fail (JF_DESK_IS_RECEIPT (self), NULL);
  return self->centre != NULL ? self->centre : "";
}

char *
jf_desk_receipt_format_registered (JfDeskReceipt *self)
{
  g_return_val_if_fail (JF_DESK_IS_RECEIPT (self), NULL);
  return self->registered_at != NULL ? jf_desk_format_time (self->registered_at) : NULL;
}

char *
jf_desk_receipt_format_deadline (JfDeskReceipt *self,
                                 GDateTime     *now)
{
  g_autofree char *date = NULL;
  g_autofree char *left = NULL;

  g_return_val_if_fail (JF_DESK_IS_RECEIPT (self), NULL);

  if (self->due_at == NULL)
    return NULL;
  date = jf_desk_format_time (self->due_at);
  left = jf_desk_format_time_left (self->due_at, now);
  /* TRANSLATORS: a deadline and the time left until it: "2026年2月20日 17:00（还剩 7 天）". */
  return g_strdup_printf (_("%s (%s)"), date, left);
}

char *
jf_desk_receipt_format_parties (JfDeskReceipt *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (JF_DESK_IS_RECEIPT (self), NULL);

  for (guint i = 0; i < self->parties->len; i++)
    {
      const Party *party = &g_array_index (self->parties, Party, i);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      if (party->id_number != NULL)
        /* TRANSLATORS: a party on the receipt: role, name and masked ID number. */
        g_string_append_printf (text, _("%s: %s (ID %s)"), party->role, party->name,
                                party->id_number);
      else
        /* TRANSLATORS: a party on the receipt without an ID number: role and name. */
        g_string_append_printf (text, _("%s: %s"), party->role, party->name);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

gboolean
jf_desk_draw_qr_code (cairo_t    *cr,
                      const char *text,
                      double      x,
                      double      y,
                      double      size)
{
  QRcode *qr;
  double module;

  g_return_val_if_fail (cr != NULL && text != NULL, FALSE);

  qr = QRcode_encodeString (text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (qr == NULL)
    return FALSE;
  module = size / qr->width;
  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (int row = 0; row < qr->width; row++)
    for (int column = 0; column < qr->width; column++)
      if (qr->data[row * qr->width + column] & 1)
        cairo_rectangle (cr, x + column * module, y + row * module, module, module);
  /* Adjacent modules must not leave hairlines between them. */
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  cairo_fill (cr);
  cairo_restore (cr);
  QRcode_free (qr);
  return TRUE;
}

/* --- drawing ------------------------------------------------------------------------------- */

typedef struct
{
  cairo_t     *cr;
  PangoLayout *layout;
  double       y;       /* where the next line of text goes */
} Pen;

static void
pen_font (Pen        *pen,
          double      size,
          gboolean    bold)
{
  PangoFontDescription *font = pango_font_description_from_string (RECEIPT_FONT);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (pen->layout, font);
  pango_font_description_free (font);
}

/* Text at (@x, pen->y), @width wide (wrapped), advancing the pen; returns its height. */
static double
pen_text (Pen             *pen,
          const char      *text,
          double           x,
          double           width,
          PangoAlignment   alignment,
          double           grey,
          gboolean         advance)
{
  int w = 0, h = 0;

  pango_layout_set_text (pen->layout, text, -1);
  pango_layout_set_width (pen->layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (pen->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (pen->layout, alignment);
  pango_layout_get_size (pen->layout, &w, &h);
  cairo_set_source_rgb (pen->cr, grey, grey, grey);
  cairo_move_to (pen->cr, x, pen->y);
  pango_cairo_show_layout (pen->cr, pen->layout);
  if (advance)
    pen->y += (double) h / PANGO_SCALE;
  return (double) h / PANGO_SCALE;
}

static void
pen_rule (Pen    *pen,
          double  x,
          double  width,
          double  line_width)
{
  cairo_set_source_rgb (pen->cr, 0.2, 0.2, 0.2);
  cairo_set_line_width (pen->cr, line_width);
  cairo_move_to (pen->cr, x, pen->y);
  cairo_line_to (pen->cr, x + width, pen->y);
  cairo_stroke (pen->cr);
}

/* A row of the table: a label column and the value, wrapped. */
static void
pen_row (Pen        *pen,
         const char *label,
         const char *value)
{
  const double label_width = 78.0;
  const double x = MARGIN;
  const double width = JF_DESK_RECEIPT_WIDTH - 2 * MARGIN;
  double label_height, value_height;

  if (value == NULL || *value == '\0')
    return;
  pen_font (pen, 10.0, FALSE);
  label_height = pen_text (pen, label, x, label_width - 6, PANGO_ALIGN_LEFT, 0.35, FALSE);
  pen_font (pen, 11.5, FALSE);
  value_height = pen_text (pen, value, x + label_width, width - label_width, PANGO_ALIGN_LEFT,
                           0.0, FALSE);
  pen->y += MAX (label_height, value_height) + 7.0;
}

void
jf_desk_receipt_draw (JfDeskReceipt *self,
                      cairo_t       *cr,
                      double         width,
                      double         height,
                      GDateTime     *now)
{
  const double content_width = JF_DESK_RECEIPT_WIDTH - 2 * MARGIN;
  double scale, number_top;
  g_autofree char *registered = NULL;
  g_autofree char *deadline = NULL;
  g_autofree char *parties = NULL;
  g_autofree char *kind = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  PangoContext *context;
  Pen pen;

  g_return_if_fail (JF_DESK_IS_RECEIPT (self));
  g_return_if_fail (cr != NULL && now != NULL);

  scale = MIN (width / JF_DESK_RECEIPT_WIDTH, height / JF_DESK_RECEIPT_HEIGHT);
  if (scale <= 0)
    return;
  cairo_save (cr);
  cairo_translate (cr, (width - JF_DESK_RECEIPT_WIDTH * scale) / 2,
                   (height - JF_DESK_RECEIPT_HEIGHT * scale) / 2);
  cairo_scale (cr, scale, scale);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, JF_DESK_RECEIPT_WIDTH, JF_DESK_RECEIPT_HEIGHT);
  cairo_fill (cr);

  layout = pango_cairo_create_layout (cr);
  context = pango_layout_get_context (layout);
  /* Points are the units here, whatever the device; Han in Simplified forms. */
  pango_cairo_context_set_resolution (context, 72.0);
  pango_context_set_language (context, pango_language_from_string ("zh-cn"));
  pango_layout_context_changed (layout);
  pen.cr = cr;
  pen.layout = layout;
  pen.y = MARGIN;

  /* The centre and the document's name. */
  pen_font (&pen, 13.0, FALSE);
  pen_text (&pen, jf_desk_receipt_get_centre (self), MARGIN, content_width, PANGO_ALIGN_CENTER,
            0.15, TRUE);
  pen.y += 4;
  pen_font (&pen, 21.0, TRUE);
  pen_text (&pen, _("Receipt of Registration"), MARGIN, content_width, PANGO_ALIGN_CENTER, 0.0,
            TRUE);
  pen.y += 10;
  pen_rule (&pen, MARGIN, content_width, 1.2);
  pen.y += 14;

  /* The number, large, with its QR code: what the applicant quotes later. */
  number_top = pen.y;
  jf_desk_draw_qr_code (cr, self->number, MARGIN + content_width - QR_SIZE, number_top, QR_SIZE);
  pen.y += 8;
  pen_font (&pen, 10.0, FALSE);
  pen_text (&pen, _("Matter number"), MARGIN, content_width - QR_SIZE - 10, PANGO_ALIGN_LEFT,
            0.35, TRUE);
  pen.y += 4;
  pen_font (&pen, 22.0, TRUE);
  pen_text (&pen, self->number, MARGIN, content_width - QR_SIZE - 10, PANGO_ALIGN_LEFT, 0.0,
            TRUE);
  pen.y += 6;
  pen_font (&pen, 9.0, FALSE);
  pen_text (&pen, _("Quote this number, or show the code, to ask how the matter stands."),
            MARGIN, content_width - QR_SIZE - 10, PANGO_ALIGN_LEFT, 0.35, TRUE);
  pen.y = MAX (pen.y, number_top + QR_SIZE) + 14;
  pen_rule (&pen, MARGIN, content_width, 0.5);
  pen.y += 12;

  /* What was registered. */
  if (self->kind != NULL && self->category != NULL)
    /* TRANSLATORS: the kind and the category of a matter: "矛盾纠纷 · 邻里". */
    kind = g_strdup_printf (_("%s · %s"), self->kind, self->category);
  else
    kind = g_strdup (self->kind != NULL ? self->kind : self->category);
  registered = jf_desk_receipt_format_registered (self);
  deadline = jf_desk_receipt_format_deadline (self, now);
  parties = jf_desk_receipt_format_parties (self);
  pen_row (&pen, _("Matter"), self->title);
  pen_row (&pen, _("Kind"), kind);
  pen_row (&pen, _("Parties"), parties);
  pen_row (&pen, _("Registered at"), registered);
  pen_row (&pen, _("Registered by"), self->registered_by);
  pen_row (&pen, _("Decision on acceptance by"), deadline);

  /* The promise, and room for the seal. */
  pen.y = MAX (pen.y + 10, JF_DESK_RECEIPT_HEIGHT - MARGIN - 96);
  pen_rule (&pen, MARGIN, content_width, 0.5);
  pen.y += 10;
  pen_font (&pen, 9.5, FALSE);
  pen_text (&pen, _("The centre will tell you whether your matter is accepted by the date "
                    "above. Keep this receipt."), MARGIN, content_width, PANGO_ALIGN_LEFT,
            0.25, TRUE);
  pen.y += 22;
  pen_font (&pen, 10.5, FALSE);
  pen_text (&pen, _("Seal of the centre"), MARGIN, content_width, PANGO_ALIGN_RIGHT, 0.25,
            TRUE);

  cairo_restore (cr);
}
