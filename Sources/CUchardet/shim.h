/* uchardet (freedesktop.org): a second opinion for encoding detection. */
#include <uchardet.h>
